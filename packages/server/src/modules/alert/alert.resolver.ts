import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context.js';
import type { AlertRaised } from '../../live/events.js';
import { IndicatorNode } from '../indicator/indicator.types.js';
import { RegionNode } from '../region/region.types.js';
import { UserNode } from '../user/user.types.js';
import { AlertService } from './alert.service.js';
import { AlertNode, AlertRuleInput, AlertRuleNode, CreatedAlertRuleNode, WebhookAttemptNode } from './alert.types.js';

const REGION_ARG = { nullable: true, description: 'Only this region and below (inside your scope).' } as const;

@Resolver(() => AlertRuleNode)
export class AlertRuleResolver {
  @Query(() => [AlertRuleNode], { description: 'ANALYST/ADMIN: the alert rules of regions in your scope, newest first (at most 500).' })
  alertRules(@Ctx() ctx: Context, @Arg('region', () => String, REGION_ARG) region?: string | null) {
    return new AlertService(ctx).rules(region);
  }

  @Mutation(() => CreatedAlertRuleNode, {
    description: 'ANALYST/ADMIN: a new alert rule for a region in your scope; its webhook secret is in the answer, only there.',
  })
  createAlertRule(@Ctx() ctx: Context, @Arg('input', () => AlertRuleInput, { description: 'The rule.' }) input: AlertRuleInput) {
    return new AlertService(ctx).createRule(input);
  }

  @Mutation(() => Boolean, { description: 'ANALYST/ADMIN: deletes a rule of your scope, with its alerts and delivery log.' })
  deleteAlertRule(@Ctx() ctx: Context, @Arg('id', () => Int, { description: 'The rule.' }) id: number) {
    return new AlertService(ctx).deleteRule(id);
  }

  @FieldResolver(() => RegionNode, { description: 'The subtree watched.' })
  region(@Root() rule: AlertRuleNode, @Ctx() { regions }: Context) {
    return regions.get(rule.regionCode);
  }

  @FieldResolver(() => IndicatorNode, { nullable: true, description: 'The indicator watched (null for MISSING_REPORT).' })
  indicator(@Root() rule: AlertRuleNode, @Ctx() { catalog }: Context) {
    return rule.indicatorId === null ? null : catalog.byId.get(rule.indicatorId);
  }

  @FieldResolver(() => UserNode, { nullable: true, description: 'Who made it.' })
  createdBy(@Root() rule: AlertRuleNode, @Ctx() { loaders }: Context) {
    return loaders.user.load(rule.createdBy);
  }

  @Query(() => [WebhookAttemptNode], { description: 'ANALYST/ADMIN: the webhook delivery log of a rule of your scope, newest first.' })
  alertDeliveries(
    @Ctx() ctx: Context,
    @Arg('rule', () => Int, { description: 'The rule.' }) rule: number,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 50, description: '1 to 200.' }) limit?: number | null,
  ) {
    return new AlertService(ctx).attempts(rule, limit ?? 50);
  }
}

@Resolver(() => AlertNode)
export class AlertResolver {
  @Query(() => [AlertNode], { description: 'ADMIN/APPROVER/ANALYST: alerts about regions in your scope, newest first.' })
  alerts(
    @Ctx() ctx: Context,
    @Arg('region', () => String, REGION_ARG) region?: string | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 50, description: '1 to 200.' }) limit?: number | null,
    @Arg('unread', () => Boolean, { nullable: true, defaultValue: false, description: 'Only those you have not read.' })
    unread?: boolean | null,
  ) {
    return new AlertService(ctx).alerts(region, limit ?? 50, unread ?? false);
  }

  @Query(() => Int, { description: 'ADMIN/APPROVER/ANALYST: how many alerts in your scope you have not read.' })
  unreadAlerts(@Ctx() ctx: Context) {
    return new AlertService(ctx).unread();
  }

  @Mutation(() => Int, {
    description: 'Marks an alert read for you (without id: every alert in your scope); returns how many stay unread.',
  })
  markAlertRead(
    @Ctx() ctx: Context,
    @Arg('id', () => Int, { nullable: true, description: 'The alert; omit for all.' }) id?: number | null,
  ) {
    return new AlertService(ctx).markRead(id);
  }

  @Subscription(() => AlertNode, {
    description:
      'ADMIN/APPROVER/ANALYST: alerts raised in your scope (or below `region`) as they happen (over WebSocket, graphql-ws protocol, at /graphql).',
    subscribe: ({ args, context }) => new AlertService(context as Context).raised(args.region),
  })
  alertRaised(@Root() event: AlertRaised, @Arg('region', () => String, REGION_ARG) _region?: string | null): AlertNode {
    return {
      id: event.id,
      ruleId: event.ruleId,
      kind: event.kind,
      ruleName: event.ruleName,
      regionCode: event.region,
      period: event.period,
      message: event.message,
      messageEn: event.messageEn,
      createdAt: new Date(event.at),
      read: false,
      webhookState: event.webhook ? 'PENDING' : null,
    };
  }

  @FieldResolver(() => RegionNode, { description: 'The region it is about.' })
  region(@Root() alert: AlertNode, @Ctx() { regions }: Context) {
    return regions.get(alert.regionCode);
  }
}
