import { defineWidget, lazyWidget } from '../define-widget';

export default defineWidget({
  id: 'table',
  label: 'widget.table',
  component: lazyWidget(() => import('./table-widget.vue')),
  params: ['indicator', 'region', 'from', 'to', 'theme', 'lang'],
  shape: 'children',
});
