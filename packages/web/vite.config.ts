import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { codeSplitting, graphqlDocuments, i18nMessages } from './vite.plugins';

const api = process.env.HEXIE_API ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [vue(), graphqlDocuments(), i18nMessages()],
  resolve: {
    alias: { '@': new URL('./src', import.meta.url).pathname },
  },
  define: {
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/graphql': { target: api, changeOrigin: true },
      '/readyz': { target: api },
      '/healthz': { target: api },
      '/api': { target: api },
    },
  },
  build: {
    target: 'es2022',
    // the GeoJSON files are fetched on demand as plain assets
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 900,
    // the GraphQL explorer (GraphiQL + Monaco) is its own page: the dashboard's first load never includes it
    rollupOptions: { input: { main: 'index.html', explorer: 'explorer.html' }, output: { codeSplitting } },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    alias: { graphql: 'graphql/index.js' },
  },
});
