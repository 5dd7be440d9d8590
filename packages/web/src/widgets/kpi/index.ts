import { defineWidget, lazyWidget } from '../define-widget';

export default defineWidget({
  id: 'kpi',
  label: 'widget.kpi',
  component: lazyWidget(() => import('./kpi-widget.vue')),
  params: ['indicator', 'region', 'from', 'to', 'theme', 'lang'],
  shape: 'series',
});
