import { defineWidget } from '../define-widget';
import TrendWidget from './trend-widget.vue';

export default defineWidget({
  id: 'trend',
  label: 'widget.trend',
  component: TrendWidget,
  params: ['indicator', 'region', 'from', 'to', 'grain', 'theme', 'lang'],
  shape: 'series',
});
