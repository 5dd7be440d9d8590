import type { Context } from '../context.js';
import { badInput, clip } from '../errors.js';
import type { DataChanged, ReportChanged } from './events.js';

/** What a connection needs to follow changes: its (current) viewer, the reference data and the bus. */
type LiveContext = Pick<Context, 'viewer' | 'regions' | 'catalog' | 'events'>;

/**
 * The subscriptions' rules: which events of the bus reach which subscriber. Every event is checked
 * against the subscriber's viewer when it happens (a signed-in connection's viewer is refreshed while
 * it lasts: see websocket.ts), with the same permissions as queries (auth/viewer.ts).
 */
export class LiveService {
  constructor(private readonly ctx: LiveContext) {}

  /** Status changes of reports in the subtree of `region` that the viewer may hear of. */
  reportsChanged(region: string): AsyncIterableIterator<ReportChanged> {
    this.checkRegion(region);
    return this.ctx.events.subscribe('reportChanged', {
      filter: (e) => this.ctx.regions.isWithin(e.region, region) && this.ctx.viewer.seesReportChange(e),
    });
  }

  /** Changes of approved values in the subtree of `region`, of the given indicators (all when null). */
  dataChanged(region: string, indicators?: readonly string[] | null): AsyncIterableIterator<DataChanged> {
    this.checkRegion(region);
    let wanted: Set<string> | undefined;
    if (indicators) {
      if (indicators.length === 0) throw badInput('indicators is an empty list: leave it out to hear of every indicator.');
      const unknown = indicators.filter((code) => !this.ctx.catalog.byCode.has(code));
      if (unknown.length) {
        throw badInput(
          `Unknown indicator code ${unknown
            .slice(0, 3)
            .map((c) => `"${clip(c)}"`)
            .join(', ')}: use codes of the catalog (the indicators query lists them).`,
        );
      }
      wanted = new Set(indicators);
    }
    return this.ctx.events.subscribe('dataChanged', {
      filter: (e) => this.ctx.regions.isWithin(e.region, region) && (!wanted || e.indicators.some((code) => wanted.has(code))),
    });
  }

  private checkRegion(region: string): void {
    if (!this.ctx.regions.get(region))
      throw badInput(`Unknown region code "${clip(region)}": use a six-digit GB/T 2260 code such as 510114.`);
  }
}
