// vue-echarts with the registered ECharts parts: the whole chart stack is one async chunk, so the
// first paint (header, KPI numbers) does not wait for ECharts.
import './echarts';
import VChart from 'vue-echarts';
export default VChart;
