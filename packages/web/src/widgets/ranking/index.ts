import RankingChart from '@/charts/ranking-chart.vue';
import { defineWidget } from '../define-widget';

export default defineWidget({
  id: 'ranking',
  label: 'widget.ranking',
  component: RankingChart,
  params: ['indicator', 'region', 'from', 'to', 'theme', 'lang'],
  shape: 'children',
});
