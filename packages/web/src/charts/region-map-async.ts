import { lazyWidget } from '@/widgets/define-widget';

/** The choropleth and its ECharts parts load on demand, outside the first-load budget. */
export default lazyWidget(() => import('./region-map.vue'));
