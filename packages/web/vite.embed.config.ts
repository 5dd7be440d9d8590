// The <hexie-chart> element as its own build: dist/embed.js (a stable name other sites link to) and
// its lazily loaded chunks (ECharts, the map's parts, the GeoJSON shapes) under dist/assets, found
// relative to embed.js itself (base './'), so they load from the hub on any page.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { codeSplitting, graphqlDocuments, i18nMessages } from './vite.plugins';

export default defineConfig({
  base: './',
  plugins: [vue({ features: { customElement: true } }), graphqlDocuments(), i18nMessages()],
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
    'process.env.NODE_ENV': '"production"',
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    assetsInlineLimit: 0,
    copyPublicDir: false,
    rollupOptions: {
      input: { embed: new URL('./src/embed.ts', import.meta.url).pathname },
      output: {
        entryFileNames: 'embed.js',
        chunkFileNames: 'assets/embed-[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        codeSplitting,
      },
    },
  },
});
