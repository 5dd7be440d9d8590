import type { InjectionKey } from 'vue';

/** The ECharts theme name for the charts below (provide DARK on the big screen). */
export const ChartThemeKey: InjectionKey<string> = Symbol('chart-theme');

export const LIGHT = 'hexie';
export const DARK = 'hexie-dark';

/** Background used when a chart is exported as PNG. */
export const exportBackground = (theme: string | undefined) => (theme === DARK ? '#0b1626' : '#ffffff');
