import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { RegionNode } from '../region/region.types.js';
import { UserNode } from '../user/user.types.js';
import type { ReportStatus } from './report.entity.js';
import { ReportService } from './report.service.js';
import { ObservationInput, ReportEntryNode, ReportKeyArgs, ReportNode, ReportReasonArgs, ReportStatusEnum } from './report.types.js';

@Resolver(() => ReportNode)
export class ReportResolver {
  @Query(() => ReportNode, {
    description: 'A region’s report for a period (an empty DRAFT when nothing was entered yet). For users whose scope covers the region.',
  })
  report(@Ctx() ctx: Context, @Args(() => ReportKeyArgs) { region, period }: ReportKeyArgs) {
    return new ReportService(ctx).get(region, period);
  }

  @Query(() => [ReportNode], {
    description: 'Reports in your scope (or below `region`), oldest submission first: with status SUBMITTED, the approval queue.',
  })
  reports(
    @Ctx() ctx: Context,
    @Arg('region', () => String, {
      nullable: true,
      description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.',
    })
    region?: string | null,
    @Arg('period', () => String, {
      nullable: true,
      description: 'Report period: YYYY-MM for the monthly indicators, YYYY for the annual ones.',
    })
    period?: string | null,
    @Arg('status', () => ReportStatusEnum, { nullable: true, description: 'Only reports or values with this status.' })
    status?: ReportStatus | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 100, description: '1 to 1000.' }) limit?: number | null,
  ) {
    return new ReportService(ctx).list({ region, period, status, limit });
  }

  @Mutation(() => [ReportNode], {
    description:
      'REPORTER/ADMIN: saves values into their reports, all or nothing. Every wrong value is listed in the error’s extensions.problems ({ index, field, message }).',
  })
  saveObservations(
    @Ctx() ctx: Context,
    @Arg('values', () => [ObservationInput], { description: 'The values to save, all or nothing.' }) values: ObservationInput[],
  ) {
    return new ReportService(ctx).save(values);
  }

  @Mutation(() => ReportNode, { description: 'REPORTER/ADMIN: submits a DRAFT or RETURNED report for approval.' })
  submitReport(@Ctx() ctx: Context, @Args(() => ReportKeyArgs) { region, period }: ReportKeyArgs) {
    return new ReportService(ctx).submit(region, period);
  }

  @Mutation(() => ReportNode, {
    description: 'APPROVER/ADMIN: approves a SUBMITTED report (not one you submitted); its values become public in the same transaction.',
  })
  approveReport(@Ctx() ctx: Context, @Args(() => ReportKeyArgs) { region, period }: ReportKeyArgs) {
    return new ReportService(ctx).approve(region, period);
  }

  @Mutation(() => ReportNode, { description: 'APPROVER/ADMIN: returns a SUBMITTED report to its reporter with a reason.' })
  returnReport(@Ctx() ctx: Context, @Args(() => ReportReasonArgs) { region, period, reason }: ReportReasonArgs) {
    return new ReportService(ctx).return(region, period, reason);
  }

  @Mutation(() => ReportNode, {
    description: 'APPROVER/ADMIN: takes an APPROVED report out of the public figures (it becomes RETURNED), with a reason.',
  })
  unapproveReport(@Ctx() ctx: Context, @Args(() => ReportReasonArgs) { region, period, reason }: ReportReasonArgs) {
    return new ReportService(ctx).unapprove(region, period, reason);
  }

  @FieldResolver(() => RegionNode, { description: 'The region reporting.' })
  region(@Root() report: ReportNode, @Ctx() { regions }: Context) {
    return regions.get(report.regionCode) ?? null;
  }

  @FieldResolver(() => [ReportEntryNode], { description: 'One entry per indicator the region reports for the period.' })
  entries(@Root() report: ReportNode, @Ctx() ctx: Context) {
    return new ReportService(ctx).entries(report as never);
  }

  @FieldResolver(() => UserNode, { nullable: true, description: 'Who submitted it last.' })
  submittedBy(@Root() report: ReportNode, @Ctx() { loaders }: Context) {
    return report.submittedBy ? loaders.user.load(report.submittedBy) : null;
  }

  @FieldResolver(() => UserNode, { nullable: true, description: 'Who approved it.' })
  approvedBy(@Root() report: ReportNode, @Ctx() { loaders }: Context) {
    return report.approvedBy ? loaders.user.load(report.approvedBy) : null;
  }

  @FieldResolver(() => UserNode, { nullable: true, description: 'Who returned or unapproved it last.' })
  returnedBy(@Root() report: ReportNode, @Ctx() { loaders }: Context) {
    return report.returnedBy ? loaders.user.load(report.returnedBy) : null;
  }
}
