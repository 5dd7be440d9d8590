import { createRouter, createWebHistory } from 'vue-router';
import OverviewPage from '../features/overview/overview-page.vue';
import type { Ability } from './session';

declare module 'vue-router' {
  interface RouteMeta {
    /** signed-in users whose role has this ability may open the page (see session.ts) */
    ability?: Ability;
  }
}

// The overview is in the first load; every other page is split off.
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
    { path: '/login', name: 'login', component: () => import('../features/login/login-page.vue') },
    { path: '/entry', name: 'entry', meta: { ability: 'enter' }, component: () => import('../features/entry/entry-page.vue') },
    { path: '/review', name: 'review', meta: { ability: 'review' }, component: () => import('../features/review/review-page.vue') },
    { path: '/alerts', name: 'alerts', meta: { ability: 'alerts' }, component: () => import('../features/alerts/alerts-page.vue') },
    { path: '/users', name: 'users', meta: { ability: 'users' }, component: () => import('../features/users/users-page.vue') },
    { path: '/extract', name: 'extract', component: () => import('../features/extract/extract-page.vue') },
    { path: '/embeds', name: 'embeds', meta: { ability: 'embeds' }, component: () => import('../features/embeds/embeds-page.vue') },
    { path: '/import', name: 'import', meta: { ability: 'enter' }, component: () => import('../features/import/import-page.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});
