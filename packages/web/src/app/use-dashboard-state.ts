import { computed } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';
import { GRAINS, isPeriod, type Grain } from './period';

/** The nation's code (as in the DataV GeoJSON and the server's region tree). */
export const NATION = '100000';
export const DEFAULT_CATEGORY = 'employment_services';

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v) as string | null | undefined;

/**
 * The view's state lives in the URL (region, category, indicator, period, grain) so a view can be
 * shared and reloaded. `period` may be undefined: pages then use the latest year with data.
 */
export function useDashboardState() {
  const route = useRoute();
  const router = useRouter();
  const q = () => route.query;
  const region = computed(() => one(q().region) || NATION);
  const category = computed(() => one(q().category) || DEFAULT_CATEGORY);
  const indicator = computed(() => one(q().indicator) || undefined);
  const period = computed(() => {
    const p = one(q().period);
    return isPeriod(p) ? p : undefined;
  });
  const grain = computed<Grain>(() => {
    const g = one(q().grain)?.toUpperCase() as Grain | undefined;
    return g && GRAINS.includes(g) ? g : 'MONTH';
  });

  function update(patch: Record<string, string | undefined>) {
    const query: LocationQueryRaw = { ...route.query };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') delete query[k];
      else query[k] = v;
    }
    return router.push({ query });
  }

  /** The shared query string, for links to the other pages. */
  const query = computed(() => {
    const out: Record<string, string> = { region: region.value, category: category.value, grain: grain.value };
    if (period.value) out.period = period.value;
    if (indicator.value) out.indicator = indicator.value;
    return out;
  });

  return { region, category, indicator, period, grain, update, query };
}
