// The single registration of the tree-shaken ECharts parts the dashboard uses. The choropleth's
// parts (map series, visual map) are registered once too, in echarts-map.ts, which loads with the
// map component so they stay out of the first load.
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { registerThemes } from './theme';

use([CanvasRenderer, BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent]);
registerThemes();

export type { EChartsCoreOption as ChartOption } from 'echarts/core';
