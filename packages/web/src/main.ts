import { createApp } from 'vue';
import App from './app/app.vue';
import { router } from './app/router';
import { i18n } from './i18n';
import { ClientKey, createClient } from './graphql/client';
import './app/base.css';

const app = createApp(App);
app.provide(ClientKey, createClient());
app.use(i18n);
app.use(router);
app.mount('#app');
