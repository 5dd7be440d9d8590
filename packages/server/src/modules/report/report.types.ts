import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AUDIT_ACTIONS, type AuditAction } from '../audit/audit.entity.js';
import { IndicatorNode } from '../indicator/indicator.types.js';
import { REPORT_STATUSES, type ReportStatus } from './report.entity.js';

export const ReportStatusEnum = Object.fromEntries(REPORT_STATUSES.map((s) => [s, s])) as { [K in ReportStatus]: K };
registerEnumType(ReportStatusEnum, {
  name: 'ReportStatus',
  description: 'Where a report stands: DRAFT → SUBMITTED → APPROVED, or SUBMITTED → RETURNED → (edited) → SUBMITTED.',
  valuesConfig: {
    DRAFT: { description: 'Being entered; not public.' },
    SUBMITTED: { description: 'Waiting for an approver; not public.' },
    APPROVED: { description: 'Public: counted in every aggregate. Locked.' },
    RETURNED: { description: 'Sent back to the reporter with a reason (also after an unapproval); not public.' },
  },
});

export const AuditActionEnum = Object.fromEntries(AUDIT_ACTIONS.map((a) => [a, a])) as { [K in AuditAction]: K };
registerEnumType(AuditActionEnum, {
  name: 'AuditAction',
  description: 'What an audit entry records.',
  valuesConfig: {
    CREATE: { description: 'A value was entered.' },
    UPDATE: { description: 'A value or its note was changed.' },
    DELETE: { description: 'A value was removed.' },
    SUBMIT: { description: 'The report was submitted for approval.' },
    APPROVE: { description: 'The report was approved: its values became public.' },
    RETURN: { description: 'The report was returned to its reporter with a reason.' },
    UNAPPROVE: { description: 'An approved report was taken out of the public figures, with a reason.' },
  },
});

@ObjectType('Report', { description: 'One region × one period: every value the region reports for it, approved together.' })
export class ReportNode {
  regionCode!: string;

  @Field(() => String, { description: '"2024-03" for the monthly indicators, "2024" for the annual ones.' })
  period!: string;

  @Field(() => ReportStatusEnum, { description: 'Where the report stands in the approval workflow.' })
  status!: ReportStatus;

  submittedBy!: number | null;
  approvedBy!: number | null;
  returnedBy!: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was last submitted.' })
  submittedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was approved (null unless APPROVED).' })
  approvedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was last returned or unapproved.' })
  returnedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was returned or unapproved.' })
  returnReason!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it last changed.' })
  updatedAt!: Date | null;
}

@ObjectType('ReportEntry', { description: 'One indicator of a report, with the values an approver compares it with.' })
export class ReportEntryNode {
  @Field(() => IndicatorNode, { description: 'The indicator.' })
  indicator!: IndicatorNode;

  @Field(() => Float, { nullable: true, description: 'Null when not entered.' })
  value!: number | null;

  @Field(() => String, { nullable: true, description: 'The reporter’s note on the value, if any.' })
  note!: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The previous period’s value (the month before, or the year before for annual reports).',
  })
  previousValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'The value of the same period a year earlier.' })
  lastYearValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change on the previous period, in %.' })
  change!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change on the same period a year earlier, in %.' })
  yoy!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the value looks unusual (a change of 100 % or more on the previous period, 50 % or more year on year), or null.',
  })
  unusual!: string | null;
}

@ObjectType('ObservationValue', {
  description: 'A stored value with its status (pending values are visible to users whose scope covers them).',
})
export class ObservationValueNode {
  regionCode!: string;
  indicatorId!: number;

  @Field(() => String, { description: 'The period: YYYY-MM, or YYYY for annual indicators.' })
  period!: string;

  @Field(() => Float, { description: 'The value, in the indicator’s unit.' })
  value!: number;

  @Field(() => String, { nullable: true, description: 'The reporter’s note, if any.' })
  note!: string | null;

  @Field(() => ReportStatusEnum, { description: 'The status of the value’s report.' })
  status!: ReportStatus;

  @Field(() => String, { nullable: true, description: 'Who wrote it last.' })
  updatedBy!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When it was last written.' })
  updatedAt!: Date;
}

@ObjectType('AuditEntry', { description: 'One change of a value or of a report’s status. Append-only.' })
export class AuditEntryNode {
  @Field(() => ID, { description: 'Increasing id: the order of the changes.' })
  id!: string;

  @Field(() => GraphQLISODateTime, { description: 'When.' })
  at!: Date;

  @Field(() => String, { description: 'Who: a user, an import, the demo load, or a database role for changes made outside Hexie.' })
  actor!: string;

  userId!: number | null;
  regionCode!: string;
  indicatorId!: number | null;

  @Field(() => Int, { nullable: true, description: 'The import that wrote the value, if any.' })
  importId!: number | null;

  @Field(() => AuditActionEnum, { description: 'What changed.' })
  action!: AuditAction;

  @Field(() => String, { description: 'The report period concerned.' })
  period!: string;

  @Field(() => Float, { nullable: true, description: 'The value before (null when created or for a status change).' })
  before!: number | null;

  @Field(() => Float, { nullable: true, description: 'The value after (null when deleted or for a status change).' })
  after!: number | null;

  @Field(() => String, { nullable: true, description: 'The note before.' })
  noteBefore!: string | null;

  @Field(() => String, { nullable: true, description: 'The note after.' })
  noteAfter!: string | null;

  @Field(() => String, { nullable: true, description: 'Why (for returns and unapprovals).' })
  reason!: string | null;
}

@InputType({ description: 'One value to save into its report (a draft until the report is submitted and approved).' })
export class ObservationInput {
  @Field(() => String, { description: 'Six-digit region code, at the indicator’s reporting level and in your scope.' })
  region!: string;

  @Field(() => String, { description: 'A stored (not computed) indicator code.' })
  indicator!: string;

  @Field(() => String, { description: '"2024-03" for monthly indicators, "2024" for annual ones; not in the future.' })
  period!: string;

  @Field(() => Float, { nullable: true, description: 'Null removes the value. Not negative; whole where the unit counts things.' })
  value!: number | null;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  note?: string | null;
}

/** The arguments naming one report: every report query and transition takes them. */
@ArgsType()
export class ReportKeyArgs {
  @Field(() => String, { description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.' })
  region!: string;

  @Field(() => String, { description: 'Report period: YYYY-MM for the monthly indicators, YYYY for the annual ones.' })
  period!: string;
}

/** A report and why it is returned or unapproved. */
@ArgsType()
export class ReportReasonArgs extends ReportKeyArgs {
  @Field(() => String, { description: 'Why, in words (shown to the reporter and kept in the audit trail); required.' })
  reason!: string;
}
