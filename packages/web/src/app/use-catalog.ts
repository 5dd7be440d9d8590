import { computed, type Ref } from 'vue';
import { graphql } from '@/gql';
import { useQuery } from '@/graphql/use-query';
import { periodYear, yearsBetween } from './period';

const CatalogQuery = graphql(`
  query Catalog {
    categories {
      code
      name
      nameEn
      indicators {
        ...IndicatorMeta
      }
    }
  }
`);

/** The indicator catalog by category, and the years that have data. */
export function useCatalog() {
  const { data, loading, error } = useQuery(CatalogQuery, () => ({}));
  const categories = computed(() => data.value?.categories ?? []);
  const indicators = computed(() => categories.value.flatMap((c) => c.indicators));
  const monthly = computed(() => indicators.value.filter((i) => i.cadence !== 'ANNUAL'));
  const latestYear = computed(() => {
    const ys = monthly.value.map((i) => (i.latestPeriod ? periodYear(i.latestPeriod) : NaN)).filter(Number.isFinite);
    return ys.length ? Math.max(...ys) : undefined;
  });
  const firstYear = computed(() => {
    const ys = indicators.value.map((i) => (i.firstPeriod ? periodYear(i.firstPeriod) : NaN)).filter(Number.isFinite);
    return ys.length ? Math.min(...ys) : undefined;
  });
  const years = computed(() =>
    latestYear.value !== undefined && firstYear.value !== undefined ? yearsBetween(firstYear.value, latestYear.value) : [],
  );
  return { categories, indicators, latestYear, years, loading, error };
}

/** The period in the URL, or else the latest year with data (undefined until the catalog has loaded). */
export function useCurrentPeriod(state: { period: Ref<string | undefined> }, catalog: { latestYear: Ref<number | undefined> }) {
  return computed(() => state.period.value ?? (catalog.latestYear.value ? String(catalog.latestYear.value) : undefined));
}
