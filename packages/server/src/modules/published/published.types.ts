import { Field, Float, Int, InterfaceType, ObjectType } from 'type-graphql';

@ObjectType('SourceDocument', { description: 'A document figures were published in.' })
export class SourceDocumentNode {
  @Field(() => String)
  file!: string;

  @Field(() => String)
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
  @Field(() => Int)
  id!: number;

  @Field(() => String, { description: 'First day covered, YYYY-MM-DD as published.' })
  periodStart!: string;

  @Field(() => String, { description: 'Last day covered, YYYY-MM-DD as published.' })
  periodEnd!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => String)
  unit!: string;

  @Field(() => String, { description: 'exact, at_least (余, 多, 以上) or approximate (约, 近: reconciled within 5 %).' })
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
  @Field(() => String, { description: "total (the region's whole figure) or partial (one event or channel: a lower bound)." })
  scope!: string;
}

@ObjectType('Target', { implements: FigureFields, description: 'A goal for a region, indicator and period.' })
export class TargetNode extends FigureFields {}
