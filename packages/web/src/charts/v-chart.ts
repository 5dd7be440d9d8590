// vue-echarts with ECharts' renderer and Hexie's themes: the chart stack is an async chunk, so the
// first paint (header, KPI numbers) does not wait for ECharts.
import './echarts';
import VChart from 'vue-echarts';
export default VChart;
