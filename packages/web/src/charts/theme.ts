import { registerTheme } from 'echarts/core';

import { DARK, LIGHT } from './theme-key';

export const PALETTE = ['#c0392b', '#2f6fb3', '#e6a23c', '#2e9d74', '#8e5cc4', '#d46b9b', '#5b8c9e', '#9a7b4f'];

/** Registered once; components pick one through vue-echarts' THEME_KEY (provide/inject). */
export function registerThemes() {
  registerTheme(LIGHT, {
    color: PALETTE,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif' },
  });
  registerTheme(DARK, {
    color: ['#ff6b5b', '#4fc3f7', '#ffd54f', '#66e3a4', '#b39ddb', '#f48fb1', '#80cbc4', '#ffab91'],
    backgroundColor: 'transparent',
    textStyle: { color: '#dfe9f5', fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' },
    categoryAxis: {
      axisLine: { lineStyle: { color: '#5c7391' } },
      axisLabel: { color: '#c3d3e6' },
      splitLine: { lineStyle: { color: '#22344d' } },
    },
    valueAxis: {
      axisLine: { lineStyle: { color: '#5c7391' } },
      axisLabel: { color: '#c3d3e6' },
      splitLine: { lineStyle: { color: '#22344d' } },
    },
    legend: { textStyle: { color: '#dfe9f5' } },
    visualMap: { textStyle: { color: '#dfe9f5' } },
  });
}
