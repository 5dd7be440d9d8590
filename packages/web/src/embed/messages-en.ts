import { aria, chart, csv, embed, export as exportLabels, grain, kpi, map, state, widget } from '@/i18n/en.json';

export const en = { aria, chart, csv, embed, export: exportLabels, grain, kpi, map, state, widget };
