import { defineWidget, lazyWidget } from '../define-widget';

export default defineWidget({
  id: 'map',
  label: 'widget.map',
  component: lazyWidget(() => import('@/charts/region-map.vue')),
  params: ['indicator', 'region', 'from', 'to', 'theme', 'lang'],
  shape: 'children',
});
