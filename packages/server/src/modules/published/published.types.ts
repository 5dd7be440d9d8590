import { Field, Float, Int, InterfaceType, ObjectType } from 'type-graphql';

@ObjectType('SourceDocument', { description: 'A document figures were published in.' })
export class SourceDocumentNode {
  @Field(() => String, { description: 'File name of the document in the hub’s source folder.' })
  file!: string;

  @Field(() => String, { description: 'The document’s title.' })
  title!: string;

  @Field(() => String, { description: 'Publication date, YYYY-MM-DD.' })
  date!: string;

  @Field(() => String, { nullable: true, description: 'Who published it (a bureau, a federation of trade unions, a newspaper).' })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it was published.' })
  url!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 of the text the figures were taken from (hex); null for the seed documents.',
  })
  sha256!: string | null;
}

/** Fields shared by published figures and targets. */
@InterfaceType('Figure', { description: 'A number stated in a source document: a published result or a target.' })
export abstract class FigureFields {
  @Field(() => Int, { description: 'Stable numeric id.' })
  id!: number;

  @Field(() => String, { description: 'First day covered, YYYY-MM-DD as published.' })
  periodStart!: string;

  @Field(() => String, { description: 'Last day covered, YYYY-MM-DD as published.' })
  periodEnd!: string;

  @Field(() => Float, { description: 'The number as stated, in `unit`.' })
  value!: number;

  @Field(() => String, { description: 'The unit as stated in the source (个, 人, 万元 …).' })
  unit!: string;

  @Field(() => String, {
    description: 'exact, at_least (余, 多, 以上) or approximate (约, 近: reconciled within 5 %).',
    deprecationReason: 'Use `precision` (the FigureQualifier enum); this lower-case text stays for old clients.',
  })
  qualifier!: string;

  @Field(() => String, { description: 'The sentence of the source the figure comes from.' })
  quote!: string;

  regionCode!: string;
  indicatorId!: number;
  sourceId!: number;
}

@ObjectType('PublishedFigure', {
  implements: FigureFields,
  description: "A figure stated in a source document, beside the hub's own aggregate for the same period.",
})
export class PublishedFigureNode extends FigureFields {
  @Field(() => String, {
    description: "total (the region's whole figure) or partial (one event or channel: a lower bound).",
    deprecationReason: 'Use `coverage` (the FigureScope enum); this lower-case text stays for old clients.',
  })
  scope!: string;
}

@ObjectType('Target', { implements: FigureFields, description: 'A goal for a region, indicator and period.' })
export class TargetNode extends FigureFields {}
