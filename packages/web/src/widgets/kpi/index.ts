import { defineWidget } from '../define-widget';
import KpiWidget from './kpi-widget.vue';

export default defineWidget({
  id: 'kpi',
  label: 'widget.kpi',
  component: KpiWidget,
  params: ['indicator', 'region', 'from', 'to', 'theme', 'lang'],
  shape: 'series',
});
