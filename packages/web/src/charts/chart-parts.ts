// ECharts parts beyond the bars and lines every chart has (echarts.ts), loaded and registered when a
// chart that needs them first shows (BaseChart's `parts`). The choropleth's parts load with its
// maps (china-map.ts).
export type ChartParts = () => Promise<unknown>;

export const markAreaParts: ChartParts = () => import('./parts/mark-area');
