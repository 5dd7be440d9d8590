import { Arg, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context.js';
import type { DataChanged, ReportChanged } from './events.js';
import { LiveService } from './live.service.js';
import { DataChangeNode, ReportChangeNode } from './live.types.js';

const REGION = 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation. Changes in its whole subtree are told.';

@Resolver()
export class LiveResolver {
  @Subscription(() => ReportChangeNode, {
    description:
      'Reports in the subtree of `region` changing status (over WebSocket, graphql-ws protocol, at /graphql). Everyone hears of reports approved or unapproved (public data); other moves only users who may read pending values in the report’s region.',
    subscribe: ({ args, context }) => new LiveService(context as Context).reportsChanged(args.region),
  })
  reportsChanged(
    @Root() event: ReportChanged,
    @Ctx() ctx: Context,
    @Arg('region', () => String, { description: REGION }) _region: string,
  ): ReportChangeNode {
    return { ...event, region: ctx.regions.get(event.region)!, at: new Date(event.at) } as ReportChangeNode;
  }

  @Subscription(() => DataChangeNode, {
    description:
      'Approved values changing in the subtree of `region` (over WebSocket, graphql-ws protocol, at /graphql): refetch the figures shown when told. Public: no sign-in needed.',
    subscribe: ({ args, context }) => new LiveService(context as Context).dataChanged(args.region, args.indicators),
  })
  dataChanged(
    @Root() event: DataChanged,
    @Ctx() ctx: Context,
    @Arg('region', () => String, { description: REGION }) _region: string,
    @Arg('indicators', () => [String], {
      nullable: true,
      description: 'Only changes of these indicator codes (a ratio indicator hears of its numerator and denominator); all when left out.',
    })
    _indicators?: string[] | null,
  ): DataChangeNode {
    const indicators = event.indicators.map((code) => ctx.catalog.byCode.get(code)).filter((i) => i !== undefined);
    return { ...event, region: ctx.regions.get(event.region)!, indicators, at: new Date(event.at) } as unknown as DataChangeNode;
  }
}
