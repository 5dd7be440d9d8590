import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IMPORT_STATUSES, type ImportProblem, type ImportStatus } from './import.entity.js';

export const ImportStatusEnum = Object.fromEntries(IMPORT_STATUSES.map((s) => [s, s])) as { [K in ImportStatus]: K };
registerEnumType(ImportStatusEnum, {
  name: 'ImportStatus',
  description: 'What became of an uploaded file.',
  valuesConfig: {
    CHECKED: { description: 'A dry run: checked, nothing written.' },
    COMMITTED: { description: 'Every value written (all or nothing).' },
    REJECTED: { description: 'A commit refused for its problems: nothing written.' },
  },
});

@ObjectType('ImportProblem', { description: 'One problem of an imported file, where the spreadsheet shows it.' })
export class ImportProblemNode implements ImportProblem {
  @Field(() => Int, { nullable: true, description: 'The spreadsheet row (the header is row 1); null for the whole file.' })
  row!: number | null;

  @Field(() => String, { nullable: true, description: 'The column’s header as in the file (its letter when blank).' })
  column!: string | null;

  @Field(() => String, { nullable: true, description: 'The cell, e.g. "D7".' })
  cell!: string | null;

  @Field(() => String, { nullable: true, description: 'The cell’s text.' })
  value!: string | null;

  @Field(() => String, { description: 'What is wrong and what is allowed (in English).' })
  message!: string;

  @Field(() => String, { description: 'The message in Chinese.' })
  messageZh!: string;
}

@ObjectType('ImportReport', { description: 'A report an import writes or submits.' })
export class ImportReportNode {
  @Field(() => String, { description: 'Six-digit region code.' })
  region!: string;

  @Field(() => String, { description: 'Report period: YYYY-MM or YYYY.' })
  period!: string;
}

@ObjectType('Import', { description: 'One upload of a CSV or XLSX file to POST /api/imports.' })
export class ImportNode {
  @Field(() => Int, { description: 'The import’s number (audit entries name it).' })
  id!: number;

  userId!: number;

  @Field(() => String, { description: 'The uploaded file’s name.' })
  fileName!: string;

  @Field(() => String, { description: 'SHA-256 (hex) of the file’s bytes.' })
  sha256!: string;

  @Field(() => Int, { description: 'Bytes.' })
  size!: number;

  @Field(() => String, { description: 'csv or xlsx.' })
  format!: string;

  @Field(() => String, { nullable: true, description: 'long or wide.' })
  layout!: string | null;

  @Field(() => String, { nullable: true, description: 'The worksheet read (XLSX).' })
  sheet!: string | null;

  @Field(() => Boolean, { description: 'True when the file was only checked, nothing written.' })
  dryRun!: boolean;

  @Field(() => Boolean, { description: 'Whether the import submits the reports it fills.' })
  submit!: boolean;

  @Field(() => ImportStatusEnum, { description: 'What came of it.' })
  status!: ImportStatus;

  @Field(() => Int, { description: 'Non-blank data rows.' })
  rows!: number;

  @Field(() => Int, { description: 'Rows without a problem.' })
  accepted!: number;

  @Field(() => Int, { description: 'Rows with at least one problem.' })
  rejected!: number;

  @Field(() => Int, { description: 'Values equal to the stored ones (not written again).' })
  unchanged!: number;

  @Field(() => Int, { description: 'All problems (the first 1,000 are kept in `problems`).' })
  problemCount!: number;

  @Field(() => [ImportProblemNode], { description: 'The first 1,000 problems, each with its row, column and cell.' })
  problems!: ImportProblemNode[];

  @Field(() => [ImportReportNode], { description: 'The reports written or submitted (would be, for a dry run).' })
  reports!: ImportReportNode[];

  @Field(() => Int, { description: 'How long the check (and commit) took, in milliseconds.' })
  durationMs!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the file was uploaded.' })
  createdAt!: Date;
}
