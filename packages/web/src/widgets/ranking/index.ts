import { defineWidget, lazyWidget } from '../define-widget';

export default defineWidget({
  id: 'ranking',
  label: 'widget.ranking',
  component: lazyWidget(() => import('@/charts/ranking-chart.vue')),
  params: ['indicator', 'region', 'from', 'to', 'theme', 'lang'],
  shape: 'children',
});
