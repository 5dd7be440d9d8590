import { defineComponent, h } from 'vue';
import { i18n } from '@/i18n';

/** Renders nothing; records the option it was given (ECharts needs a real canvas). */
export const ChartStub = defineComponent({
  name: 'ChartStub',
  props: { option: Object, theme: String, autoresize: Boolean },
  setup(props, { expose }) {
    expose({ getDataURL: () => 'data:image/png;base64,AAAA', chart: {} });
    return () => h('div', { class: 'chart-stub' });
  },
});

export const plugins = [i18n];
