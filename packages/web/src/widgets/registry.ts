import type { WidgetId, WidgetManifest } from './define-widget';
import kpi from './kpi';
import map from './map';
import ranking from './ranking';
import table from './table';
import trend from './trend';

/** Every chart widget, by id: the dashboard, the embed dialog and <hexie-chart> read this list. */
export const widgets: Record<WidgetId, WidgetManifest> = { kpi, trend, ranking, map, table };
export const WIDGET_IDS = Object.keys(widgets) as WidgetId[];
export const isWidgetId = (id: string | undefined | null): id is WidgetId => !!id && id in widgets;
