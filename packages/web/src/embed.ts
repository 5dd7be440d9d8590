// The <hexie-chart> custom element (built to /embed.js): Vue, vue-i18n and the widget registry in a
// shadow root, so no style leaks either way. The dashboard's card styles and vue-echarts' own CSS
// are passed in as the element's styles (a shadow root sees no page stylesheet).
import { defineCustomElement } from 'vue';
import { createI18n, I18nInjectionKey } from 'vue-i18n';
import echartsCss from 'vue-echarts/style.css?inline';
import baseCss from './app/base.css?inline';
import { zhCN } from './embed/messages';
import HexieChart from './embed/hexie-chart.ce.vue';

/** One i18n per element: two charts on a page may speak different languages (`lang`). */
const newI18n = () =>
  createI18n({
    legacy: false,
    locale: 'zh-CN',
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN },
    missingWarn: false,
    fallbackWarn: false,
  });

// base.css's variables are declared on :root, which a shadow root does not have
const cardCss = baseCss.replace(/:root\s*{/, ':host {');

const component = HexieChart as typeof HexieChart & { styles?: string[] };
const element = defineCustomElement(
  Object.assign({}, component, { styles: [cardCss, echartsCss, ...(component.styles ?? [])] }) as typeof HexieChart,
  {
    configureApp(app) {
      const i18n = newI18n();
      // the element's own root injects by key; the widgets inside it find the app's installed i18n
      app.provide(I18nInjectionKey, i18n);
      app.use(i18n);
    },
  },
);

if (!customElements.get('hexie-chart')) customElements.define('hexie-chart', element);
export { element as HexieChartElement };
