import { createApp } from 'vue';
import App from './app/app.vue';
import { router } from './app/router';
import { i18n, localeReady } from './i18n';
import { ClientKey, createClient } from './graphql/client';
import { createSession, SessionKey } from './app/session';
import './app/base.css';

const client = createClient('/graphql', { onUnauthenticated: () => session.expired() });
const session = createSession(client);
session.guard(router);

const app = createApp(App);
app.provide(ClientKey, client);
app.provide(SessionKey, session);
app.use(i18n);
app.use(router);
// no top-level await: it would split the entry into many small chunks
void localeReady.then(() => app.mount('#app'));
