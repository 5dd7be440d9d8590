import { describe, expect, it } from 'vitest';
import type { ReviewCandidateFragment } from '@/gql/graphql';
import { bytesToBase64, checkRows, inScope, readyToAccept, rowsFrom, segments, textToBase64, toFigureInput } from './review-rows';

const text = '今年累计举办各类招聘活动2343场，发布岗位189.36万个。近年来培育和谐企业226家。';
const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });

function candidate(figure: string, over: Partial<ReviewCandidateFragment> = {}): ReviewCandidateFragment {
  return {
    quote: figure,
    quoteStart: at(figure).start,
    quoteEnd: at(figure).end,
    ...at(figure),
    value: 1,
    unit: '个',
    unitText: '个',
    qualifier: 'EXACT',
    kind: 'ACTUAL',
    scope: 'TOTAL',
    score: 1,
    indicator: { code: 'jobs_posted', name: '发布岗位', nameEn: 'Jobs posted', unit: '个' },
    alternatives: [],
    region: { code: '510000', name: '四川省', nameEn: 'Sichuan', ancestors: [{ code: '100000' }] },
    regionNote: null,
    periodStart: '2024-01-01',
    periodEnd: '2024-03-20',
    periodNote: null,
    derivedFrom: null,
    ...over,
  };
}

describe('segments', () => {
  it('cuts the text at every figure and joins back to it', () => {
    const figs = [
      { id: 1, ...at('189.36万个') },
      { id: 0, ...at('2343场') },
      { id: 2, ...at('226家') },
    ];
    const pieces = segments(text, figs);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.row !== null).map((p) => [p.row, p.text])).toEqual([
      [0, '2343场'],
      [1, '189.36万个'],
      [2, '226家'],
    ]);
  });

  it('underlays the active clause, splitting a figure-free run around it', () => {
    const clause = { start: text.indexOf('发布岗位'), end: text.indexOf('。') };
    const pieces = segments(text, [{ id: 0, ...at('189.36万个') }], clause);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.quoted).map((p) => p.text)).toEqual(['发布岗位', '189.36万个']);
    expect(pieces.find((p) => p.row === 0)?.quoted).toBe(true);
  });

  it('leaves an overlapping or out-of-range figure unmarked rather than duplicating text', () => {
    const figs = [
      { id: 0, start: 12, end: 17 },
      { id: 1, start: 14, end: 20 },
      { id: 2, start: text.length + 5, end: text.length + 9 },
    ];
    const pieces = segments(text, figs);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.row !== null).map((p) => p.row)).toEqual([0]);
  });
});

describe('rows', () => {
  it('start as proposed, unmatched ones with no indicator', () => {
    const rows = rowsFrom([candidate('189.36万个'), candidate('226家', { indicator: null, periodStart: null })]);
    expect(rows.map((r) => [r.id, r.status, r.indicator, r.region, r.periodStart])).toEqual([
      [0, 'pending', 'jobs_posted', '510000', '2024-01-01'],
      [1, 'pending', '', '510000', ''],
    ]);
  });

  it('are ready to accept when matched, complete and in scope', () => {
    const regions = { '510000': { code: '510000', ancestors: [{ code: '100000' }] }, '500107': null };
    const [ok, open] = rowsFrom([candidate('189.36万个'), candidate('226家', { periodStart: null })]);
    expect(readyToAccept(ok, regions, '510000')).toBe(true);
    expect(readyToAccept(ok, regions, '100000')).toBe(true);
    expect(readyToAccept(ok, regions, '420000')).toBe(false);
    expect(readyToAccept(open, regions, '510000')).toBe(false);
    expect(readyToAccept({ ...ok, region: '500107' }, regions, '510000')).toBe(false);
    expect(inScope({ code: '510114', ancestors: [{ code: '100000' }, { code: '510000' }, { code: '510100' }] }, '510100')).toBe(true);
  });

  it('are checked for what the page can tell, by their position in what is sent', () => {
    const [a, b] = rowsFrom([candidate('189.36万个'), candidate('226家', { indicator: null, periodStart: null })]);
    b.periodEnd = '2023-12-31';
    b.region = '5100';
    b.value = -1;
    expect(checkRows([a, b], { title: ' ', date: '2024/03/20' }).map((p) => [p.index, p.field, p.code])).toEqual([
      [null, 'title', 'empty'],
      [null, 'date', 'date'],
      [1, 'indicator', 'empty'],
      [1, 'region', 'region'],
      [1, 'periodStart', 'empty'],
      [1, 'value', 'value'],
    ]);
    expect(checkRows([{ ...a, periodEnd: '20240320' }], { title: 't', date: '' }).map((p) => [p.field, p.code])).toEqual([
      ['date', 'empty'],
      ['periodEnd', 'date'],
    ]);
    a.periodStart = '2024-04-01';
    expect(checkRows([a], { title: 't', date: '2024-03' })).toEqual([{ index: 0, field: 'periodEnd', message: 'order', code: 'order' }]);
    expect(checkRows([], { title: 't', date: '2024-03-20' })[0]).toMatchObject({ index: null, field: 'figures' });
  });

  it('are sent with the corrections and the quote; a target has no scope', () => {
    const [row] = rowsFrom([candidate('189.36万个', { value: 1893600 })]);
    row.region = '510100';
    row.unit = ' ';
    expect(toFigureInput(row)).toEqual({
      indicator: 'jobs_posted',
      region: '510100',
      periodStart: '2024-01-01',
      periodEnd: '2024-03-20',
      value: 1893600,
      unit: null,
      qualifier: 'EXACT',
      kind: 'ACTUAL',
      scope: 'TOTAL',
      quote: '189.36万个',
    });
    row.kind = 'TARGET';
    row.scope = 'PARTIAL';
    expect(toFigureInput(row).scope).toBeNull();
  });
});

describe('base64', () => {
  it('encodes UTF-8 text and large byte arrays like Node does', () => {
    expect(textToBase64(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7919) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
