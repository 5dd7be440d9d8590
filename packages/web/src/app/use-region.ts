import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { graphql } from '@/gql';
import { useQuery } from '@/graphql/use-query';
import { hasMap } from '@/charts/china-map-files';

const RegionQuery = graphql(`
  query RegionView($code: String!) {
    region(code: $code) {
      ...RegionCrumbs
    }
  }
`);

/** Municipalities (北京, 上海, 天津, 重庆) have 北京市辖区 / 重庆辖县 between them and their districts. */
const passThrough = (name: string) => /(市辖区|辖县)$/.test(name);

export function useRegion(code: MaybeRefOrGetter<string>) {
  const { data, loading, error } = useQuery(RegionQuery, () => ({ code: toValue(code) }));
  const region = computed(() => data.value?.region ?? undefined);
  const notFound = computed(() => !loading.value && !error.value && data.value !== undefined && !data.value.region);
  /**
   * Whose children the ranking and the map show: the region's own children, or for a municipality
   * the districts under its 市辖区/县 (the map of a municipality shows districts).
   */
  const breakdownParents = computed<string[]>(() => {
    const r = region.value;
    if (!r || !r.children.length) return [];
    if (r.level === 'PROVINCE' && r.children.length <= 2 && r.children.every((c) => passThrough(c.name))) {
      return r.children.map((c) => c.code);
    }
    return [r.code];
  });
  const mapCode = computed(() => {
    const r = region.value;
    if (!r || !r.children.length) return undefined;
    if (hasMap(r.code)) return r.code;
    // a municipality's 市辖区: its districts are drawn on the municipality's map
    const parent = r.ancestors[r.ancestors.length - 1];
    if (passThrough(r.name) && parent && hasMap(parent.code)) return parent.code;
    return r.code;
  });
  return { region, loading, error, notFound, breakdownParents, mapCode };
}
