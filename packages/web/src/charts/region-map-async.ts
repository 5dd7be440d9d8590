import { defineAsyncComponent, h } from 'vue';

/** The choropleth and its ECharts parts load on demand, outside the first-load budget. */
export default defineAsyncComponent({
  loader: () => import('./region-map.vue'),
  loadingComponent: { render: () => h('section', { class: 'card chart-card' }, [h('div', { class: 'skeleton-bar' })]) },
  delay: 0,
});
