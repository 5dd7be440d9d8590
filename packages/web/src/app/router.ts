import { createRouter, createWebHistory } from 'vue-router';
import OverviewPage from '../features/overview/overview-page.vue';

// The overview is in the first load; the indicator page and the big screen are split off.
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'overview', component: OverviewPage },
    {
      path: '/indicator/:code',
      name: 'indicator',
      component: () => import('../features/indicator/indicator-page.vue'),
    },
    { path: '/screen', name: 'screen', component: () => import('../features/big-screen/big-screen-page.vue') },
    { path: '/import', name: 'import', component: () => import('../features/import/import-page.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});
