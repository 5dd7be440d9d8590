import { Field, GraphQLISODateTime, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GrainEnum } from '../aggregate/aggregate.types.js';

export enum EmbedKindEnum {
  PUBLIC = 'PUBLIC',
  SIGNED = 'SIGNED',
}
registerEnumType(EmbedKindEnum, {
  name: 'EmbedKind',
  description: 'How another site shows an embed.',
  valuesConfig: {
    PUBLIC: { description: 'Identified by its id; approved data, fixed parameters, no expiry until revoked.' },
    SIGNED: { description: 'Shown only with its signed token (JWT), bound to its parameters and origins, and expiring.' },
  },
});

@InputType({ description: 'The parameters an embed is locked to.' })
export class EmbedParamsInput {
  @Field(() => String, { description: 'Indicator code, such as jobs_posted.' })
  indicator!: string;

  @Field(() => String, { description: 'Six-digit region code; the ranking, map and table show its children.' })
  region!: string;

  @Field(() => String, { description: 'First period: 2024-01, 2024-Q1 or 2024.' })
  from!: string;

  @Field(() => String, { description: 'Last period.' })
  to!: string;

  @Field(() => GrainEnum, { nullable: true, description: 'Time buckets of a trend; MONTH by default (YEAR for annual indicators).' })
  grain?: GrainEnum | null;
}

@InputType({ description: 'A chart to show on another site.' })
export class EmbedInput {
  @Field(() => String, { description: 'The widget: kpi, trend, ranking, map or table.' })
  widget!: string;

  @Field(() => EmbedKindEnum, {
    description: 'PUBLIC (approved data, by id, until revoked) or SIGNED (a token bound to its parameters, origins and expiry).',
  })
  kind!: EmbedKindEnum;

  @Field(() => EmbedParamsInput, { description: 'The locked parameters: what the embed shows and nothing else.' })
  params!: EmbedParamsInput;

  @Field(() => [String], { description: 'Origins (https://portal.example) that may show it; empty on a public embed: any site.' })
  origins!: string[];

  @Field(() => Int, { nullable: true, description: 'SIGNED only: seconds until the token expires (60 to 31 622 400).' })
  expiresIn?: number | null;
}

@ObjectType('EmbedParams', { description: 'The parameters an embed is locked to.' })
export class EmbedParamsNode {
  @Field(() => String, { description: 'Indicator code, e.g. jobs_posted.' })
  indicator!: string;

  @Field(() => String, { description: 'Six-digit region code, e.g. 510000.' })
  region!: string;

  @Field(() => String, { description: 'First period: YYYY-MM, YYYY-Qn or YYYY.' })
  from!: string;

  @Field(() => String, { description: 'Last period, same formats.' })
  to!: string;

  @Field(() => GrainEnum, { description: 'Buckets of the series: MONTH, QUARTER or YEAR.' })
  grain!: GrainEnum;
}

@ObjectType('Embed', { description: 'A chart another site may show, with only the data its definition allows.' })
export class EmbedNode {
  @Field(() => String, { description: 'The embed’s id (a public embed is named by it).' })
  id!: string;

  @Field(() => EmbedKindEnum, {
    description: 'PUBLIC (approved data, by id, until revoked) or SIGNED (a token bound to its parameters, origins and expiry).',
  })
  kind!: EmbedKindEnum;

  @Field(() => String, { description: 'kpi, trend, ranking, map or table.' })
  widget!: string;

  @Field(() => EmbedParamsNode, { description: 'The locked parameters: what the embed shows and nothing else.' })
  params!: EmbedParamsNode;

  @Field(() => [String], { description: 'Sites allowed to show it (https://portal.example); CORS and frame-ancestors follow them.' })
  origins!: string[];

  @Field(() => GraphQLISODateTime, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a signed embed stops working; null for a public one.' })
  expiresAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was revoked; null while it works.' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'SIGNED: the token the snippet carries; null for a public embed.' })
  token!: string | null;

  @Field(() => String, { description: 'The bare page to put in an <iframe>.' })
  iframeUrl!: string;

  @Field(() => String, { description: 'HTML to paste into another site: the script and the <hexie-chart> element.' })
  snippet!: string;
}
