import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { graphql } from '@/gql';
import { useQuery } from '@/graphql/use-query';

// One value per child region. A municipality has up to two pass-through parents (市辖区, 县),
// fetched in the same request.
const BreakdownQuery = graphql(`
  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {
    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) {
      ...RegionValueFields
    }
    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {
      ...RegionValueFields
    }
  }
`);

export function useBreakdown(
  args: MaybeRefOrGetter<{ indicator: string; parents: string[]; from: string; to: string } | null>,
  pollInterval?: number,
) {
  const { data, loading, error } = useQuery(
    BreakdownQuery,
    () => {
      const a = toValue(args);
      if (!a || !a.parents.length) return null;
      return {
        indicator: a.indicator,
        region: a.parents[0],
        second: a.parents[1] ?? a.parents[0],
        two: a.parents.length > 1,
        from: a.from,
        to: a.to,
      };
    },
    { pollInterval, live: () => [toValue(args)?.indicator ?? ''] },
  );
  const values = computed(() => [...(data.value?.breakdown ?? []), ...(data.value?.second ?? [])]);
  return { values, loading, error };
}
