// The sections of the dashboard's messages that widgets show: embed.js carries only these, in
// Chinese; English loads when an element asks for lang="en".
import { aria, chart, csv, embed, export as exportLabels, grain, kpi, map, state, widget } from '@/i18n/zh-CN.json';

export const zhCN = { aria, chart, csv, embed, export: exportLabels, grain, kpi, map, state, widget };
export const loadEn = () => import('./messages-en').then((m) => m.en);
