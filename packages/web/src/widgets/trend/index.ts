import { defineWidget, lazyWidget } from '../define-widget';

export default defineWidget({
  id: 'trend',
  label: 'widget.trend',
  component: lazyWidget(() => import('./trend-widget.vue')),
  params: ['indicator', 'region', 'from', 'to', 'grain', 'theme', 'lang'],
  shape: 'series',
});
