import { defineAsyncComponent, h, type Component } from 'vue';

/** The parameters a widget takes (the embed dialog offers them; the embed locks them). */
export type WidgetParam = 'indicator' | 'region' | 'from' | 'to' | 'grain' | 'theme' | 'lang';
export type WidgetId = 'kpi' | 'trend' | 'ranking' | 'map' | 'table';

/** The data a widget draws, as the embed endpoint and the dashboard's queries both give it. */
export interface WidgetIndicator {
  code: string;
  name: string;
  nameEn?: string | null;
  unit: string;
  unitEn?: string | null;
  /** SUM (flows, drawn as bars), LAST or RATIO. */
  rule: string;
}
export interface WidgetPoint {
  period: string;
  value?: number | null;
  previous?: number | null;
  yoy?: number | null;
}
export interface WidgetRow {
  value?: number | null;
  note?: string | null;
  region: { code: string; name: string; nameEn?: string | null; level: string };
}

/** One chart widget: its component and the parameters it declares (Directus' panel manifests). */
export interface WidgetManifest {
  id: WidgetId;
  /** i18n key of its name */
  label: string;
  component: Component;
  params: readonly WidgetParam[];
  /** what it draws: a series over time, or the children of a region */
  shape: 'series' | 'children';
}

export const defineWidget = (manifest: WidgetManifest): WidgetManifest => manifest;

/** A widget's component, loaded when it is first shown: an embed carries only its own widget's code. */
export const lazyWidget = (loader: () => Promise<{ default: Component }>) =>
  defineAsyncComponent({
    loader,
    loadingComponent: { render: () => h('section', { class: 'card chart-card' }, [h('div', { class: 'skeleton-bar' })]) },
    delay: 0,
  });
