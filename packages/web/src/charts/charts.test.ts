import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { Observable } from 'rxjs';
import { ClientKey } from '@/graphql/client';
import { plugins } from './test-setup';
import BaseChart from './base-chart.vue';
import RankingChart from './ranking-chart.vue';
import TrendChart from './trend-chart.vue';

vi.mock('./v-chart', async () => ({ __esModule: true, default: (await import('./test-setup')).ChartStub }));

const indicator = {
  __typename: 'Indicator' as const,
  code: 'jobs_posted',
  name: '发布岗位',
  nameEn: 'Jobs posted',
  unit: '个',
  unitEn: 'positions',
  category: 'employment_services',
  rule: 'SUM' as const,
  cadence: 'MONTHLY' as const,
  reportingLevel: 'COUNTY' as const,
  grains: ['MONTH', 'QUARTER', 'YEAR'] as never,
  firstPeriod: '2021-01',
  latestPeriod: '2024-12',
};
const region = (code: string, name: string) => ({ __typename: 'Region' as const, code, name, nameEn: null, level: 'CITY' as const });

afterEach(() => vi.restoreAllMocks());

describe('BaseChart', () => {
  it('shows a skeleton while loading, the server message on error, and a sentence when empty', async () => {
    const w = mount(BaseChart, { props: { title: 'T', loading: true }, global: { plugins } });
    expect(w.find('.skeleton').exists()).toBe(true);
    expect(w.attributes('aria-busy')).toBe('true');
    await w.setProps({ loading: false, error: 'Unknown region code "999999"' });
    expect(w.get('[role=alert]').text()).toContain('Unknown region code "999999"');
    await w.setProps({ error: undefined, empty: true, note: 'finer than the reporting level' });
    expect(w.get('[role=status]').text()).toContain('本期暂无数据');
    expect(w.get('[role=status]').text()).toContain('finer than the reporting level');
    expect(w.find('.chart-stub').exists()).toBe(false);
  });

  it('draws with an ARIA description and downloads its data as CSV with a BOM', async () => {
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => ((blob = b as Blob), 'blob:x'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const w = mount(BaseChart, {
      props: {
        title: 'T',
        option: { series: [] },
        ariaDescription: '四川省发布岗位趋势',
        csv: { filename: '发布岗位 四川', header: ['期间', '值'], rows: [['2024-01', 5]] },
      },
      global: { plugins },
    });
    await flushPromises();
    await vi.dynamicImportSettled();
    await flushPromises();
    expect(w.get('[role=img]').attributes('aria-label')).toBe('四川省发布岗位趋势');
    expect(w.find('[role=img] .chart-stub').exists()).toBe(true);
    await w.get('[data-action=csv]').trigger('click');
    expect(clicks).toEqual(['发布岗位_四川.csv']);
    const bytes = new Uint8Array(await blob!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('期间,值\r\n2024-01,5\r\n');
    await w.get('[data-action=png]').trigger('click');
    expect(clicks[1]).toBe('发布岗位_四川.png');
  });
});

describe('RankingChart', () => {
  it('ranks child regions largest first, drills on click, exports the ranking', async () => {
    const values = [
      { __typename: 'RegionValue' as const, value: 5, note: null, region: region('510300', '自贡市') },
      { __typename: 'RegionValue' as const, value: 9, note: null, region: region('510100', '成都市') },
      { __typename: 'RegionValue' as const, value: null, note: 'no data', region: region('510400', '攀枝花市') },
    ];
    const w = mount(RankingChart, {
      props: { indicator, values, title: 'R', periodLabel: '2024年', regionName: '四川省' },
      global: { plugins },
    });
    const base = w.findComponent(BaseChart);
    const option = base.props('option') as any;
    // ECharts draws category axes bottom-up: the largest is last
    expect(option.yAxis.data).toEqual(['自贡市', '成都市']);
    expect(option.series[0].data.map((d: any) => d.value)).toEqual([5, 9]);
    expect((base.props('csv') as any).rows).toEqual([
      [1, '510100', '成都市', 9],
      [2, '510300', '自贡市', 5],
    ]);
    expect(base.props('ariaDescription')).toContain('成都市 9');
    base.vm.$emit('chart-click', { data: { code: '510100' } });
    expect(w.emitted('select')).toEqual([['510100']]);
  });

  it('is empty, with the server note, when no child has a value', () => {
    const w = mount(RankingChart, {
      props: {
        indicator,
        values: [
          { __typename: 'RegionValue' as const, value: null, note: 'reported at province level', region: region('510100', '成都市') },
        ],
        title: 'R',
        periodLabel: '2024年',
        regionName: '四川省',
      },
      global: { plugins },
    });
    expect(w.get('[role=status]').text()).toContain('reported at province level');
  });
});

describe('TrendChart', () => {
  it('queries the series around the period and plots values and YoY', async () => {
    const requests: Record<string, unknown>[] = [];
    const link = new ApolloLink(
      (op) =>
        new Observable((sub) => {
          // the 嵌入 button asks who is signed in: nobody here
          if (op.operationName === 'MeRole') {
            sub.next({ data: { me: null } } as never);
            sub.complete();
            return;
          }
          requests.push(op.variables);
          sub.next({
            data: {
              series: {
                __typename: 'Series',
                grain: 'QUARTER',
                from: '2023',
                to: '2024',
                total: 30,
                note: null,
                region: { __typename: 'Region', code: '510000', name: '四川省', nameEn: 'Sichuan' },
                points: [
                  { __typename: 'SeriesPoint', period: '2024-Q1', value: 10, previous: 8, yoy: 25 },
                  { __typename: 'SeriesPoint', period: '2024-Q2', value: 20, previous: null, yoy: null },
                ],
              },
            },
          } as never);
          sub.complete();
        }),
    );
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const w = mount(TrendChart, {
      props: { indicator, region: '510000', regionName: '四川省', period: '2024', grain: 'QUARTER' },
      global: { plugins, provide: { [ClientKey as symbol]: client } },
    });
    await flushPromises();
    await new Promise((r) => setTimeout(r, 10));
    expect(requests).toEqual([{ indicator: 'jobs_posted', region: '510000', from: '2022', to: '2024', grain: 'QUARTER' }]);
    const base = w.findComponent(BaseChart);
    const option = base.props('option') as any;
    expect(option.series[0].type).toBe('bar'); // a flow
    expect(option.series[0].data).toEqual([10, 20]);
    expect(option.series[1].data).toEqual([25, null]);
    expect(option.xAxis.data).toEqual(['2024年第1季度', '2024年第2季度']);
    expect((base.props('csv') as any).rows).toEqual([
      ['2024-Q1', 10, 8, 25],
      ['2024-Q2', 20, null, null],
    ]);
    expect(base.props('ariaDescription')).toContain('四川省');
    expect(w.find('[data-action="embed"]').exists()).toBe(false); // anonymous: no 嵌入
  });
});
