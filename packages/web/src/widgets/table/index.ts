import { defineWidget } from '../define-widget';
import TableWidget from './table-widget.vue';

export default defineWidget({
  id: 'table',
  label: 'widget.table',
  component: TableWidget,
  params: ['indicator', 'region', 'from', 'to', 'theme', 'lang'],
  shape: 'children',
});
