// The ECharts parts most charts draw with (bars and lines on a grid, legend, tooltip), the canvas
// renderer and Hexie's themes, registered once with vue-echarts (v-chart.ts, an async chunk). The
// rest register when a chart that needs them first shows (chart-parts.ts, china-map.ts): the choropleth's parts
// and the trend's shading of the selected period, so an embedded trend carries neither.
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { registerThemes } from './theme';

use([CanvasRenderer, BarChart, LineChart, GridComponent, LegendPlainComponent, TooltipComponent]);
registerThemes();

export type { EChartsCoreOption as ChartOption } from 'echarts/core';
