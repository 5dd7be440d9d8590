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

  @Field(() => EmbedKindEnum)
  kind!: EmbedKindEnum;

  @Field(() => EmbedParamsInput)
  params!: EmbedParamsInput;

  @Field(() => [String], { description: 'Origins (https://portal.example) that may show it; empty on a public embed: any site.' })
  origins!: string[];

  @Field(() => Int, { nullable: true, description: 'SIGNED only: seconds until the token expires (60 to 31 622 400).' })
  expiresIn?: number | null;
}

@ObjectType('EmbedParams', { description: 'The parameters an embed is locked to.' })
export class EmbedParamsNode {
  @Field(() => String)
  indicator!: string;

  @Field(() => String)
  region!: string;

  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => GrainEnum)
  grain!: GrainEnum;
}

@ObjectType('Embed', { description: 'A chart another site may show, with only the data its definition allows.' })
export class EmbedNode {
  @Field(() => String)
  id!: string;

  @Field(() => EmbedKindEnum)
  kind!: EmbedKindEnum;

  @Field(() => String)
  widget!: string;

  @Field(() => EmbedParamsNode)
  params!: EmbedParamsNode;

  @Field(() => [String])
  origins!: string[];

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'SIGNED: the token the snippet carries; null for a public embed.' })
  token!: string | null;

  @Field(() => String, { description: 'The bare page to put in an <iframe>.' })
  iframeUrl!: string;

  @Field(() => String, { description: 'HTML to paste into another site: the script and the <hexie-chart> element.' })
  snippet!: string;
}
