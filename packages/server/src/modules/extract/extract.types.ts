import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PublishedFigureNode, SourceDocumentNode, TargetNode } from '../published/published.types.js';

export const FigureQualifierEnum = { EXACT: 'exact', AT_LEAST: 'at_least', APPROXIMATE: 'approximate' } as const;
registerEnumType(FigureQualifierEnum, {
  name: 'FigureQualifier',
  description: 'How a figure is stated: EXACT, AT_LEAST (余, 多, 以上, 超过) or APPROXIMATE (约, 近).',
  valuesConfig: {
    EXACT: { description: 'Stated exactly: a total must equal the hub’s aggregate.' },
    AT_LEAST: { description: '余, 多, 以上, 超过: the hub’s aggregate must be at least the figure.' },
    APPROXIMATE: { description: '约, 近: the hub’s aggregate must be within 5 % of the figure.' },
  },
});

export const FigureKindEnum = { ACTUAL: 'actual', TARGET: 'target' } as const;
registerEnumType(FigureKindEnum, {
  name: 'FigureKind',
  description: 'ACTUAL (a reported result) or TARGET (a goal: 预计, 力争, 计划, 目标).',
  valuesConfig: {
    ACTUAL: { description: 'A result that happened; stored as a published figure and reconciled.' },
    TARGET: { description: 'A goal (预计, 力争, 计划, 目标); stored as a target and compared with progress.' },
  },
});

export const FigureScopeEnum = { TOTAL: 'total', PARTIAL: 'partial' } as const;
registerEnumType(FigureScopeEnum, {
  name: 'FigureScope',
  description: "TOTAL (the region's whole figure for the period) or PARTIAL (one event or channel, e.g. 本次招聘会: a lower bound).",
  valuesConfig: {
    TOTAL: { description: 'The region’s whole figure for the period.' },
    PARTIAL: { description: 'One event or channel (本次, 当天, 线上 …): a lower bound for the region’s whole figure.' },
  },
});

@InputType('ExtractInput', { description: 'A report text and what is known of its source.' })
export class ExtractInput {
  @Field(() => String, { description: 'The report as plain text (at most 500,000 characters).' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'Title of the document; recognised from the text when left out.' })
  title?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who published it (四川省人民政府, 襄阳市总工会): its region is the default region of the figures.',
  })
  publisher?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Publication date, YYYY-MM-DD or YYYY-MM: 今年, 截至目前 … are read relative to it. Recognised from the text when left out.',
  })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it was published.' })
  url?: string | null;
}

@InputType('ReadDocumentInput', { description: 'A file to read as report text.' })
export class ReadDocumentInput {
  @Field(() => String, { description: 'The file name; its extension decides how it is read (.txt, .docx, .html, .htm).' })
  fileName!: string;

  @Field(() => String, { description: 'The file content, base64-encoded (at most 10 MB).' })
  contentBase64!: string;
}

@ObjectType('ReportText', { description: 'A file read as text, with the source details recognised in it.' })
export class ReportTextNode {
  @Field(() => String, { description: 'The text (navigation, headers and footers of HTML pages removed; headings as # lines).' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'Recognised title.' })
  title!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Recognised publisher (a closing attribution such as （四川省人民政府）, a 来源 line, or page metadata).',
  })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'Recognised publication date, YYYY-MM-DD (or YYYY-MM).' })
  date!: string | null;

  @Field(() => String, { nullable: true, description: 'Recognised URL (canonical link of an HTML page).' })
  url!: string | null;
}

@ObjectType('IndicatorAlternative', { description: 'A less likely indicator for a candidate figure, with its score.' })
export class IndicatorAlternativeNode {
  @Field(() => String, { description: 'Indicator code.' })
  code!: string;

  @Field(() => Float, { description: 'How well the words around the figure and its unit fit this indicator, 0–1.' })
  score!: number;
}

@ObjectType('FigureCandidate', { description: 'A figure found in a report text, proposed for a person to accept, correct or reject.' })
export class FigureCandidateNode {
  @Field(() => String, { description: 'The clause the figure is in (layout line breaks removed).' })
  quote!: string;

  @Field(() => Int, { description: 'Offset of the clause in the text (UTF-16 code units, as JavaScript counts).' })
  quoteStart!: number;

  @Field(() => Int, { description: 'End offset of the clause (exclusive).' })
  quoteEnd!: number;

  @Field(() => String, { description: 'The whole sentence, for context.' })
  sentence!: string;

  @Field(() => Int, { description: 'Offset of the figure itself in the text: text.slice(start, end) is e.g. 189.36万个.' })
  start!: number;

  @Field(() => Int, { description: 'End offset of the figure (exclusive).' })
  end!: number;

  @Field(() => Float, { description: 'The value, normalised (189.36万 → 1893600, 10.6亿元 → 1060000000).' })
  value!: number;

  @Field(() => String, {
    description: "The unit: the indicator's unit when the written measure word fits it (名 → 人), else the measure word.",
  })
  unit!: string;

  @Field(() => String, { description: 'The measure word as written (名, 个, 万人次 → 人次).' })
  unitText!: string;

  @Field(() => FigureQualifierEnum, {
    description: 'From the words around the number: 余/多/以上/超过 → AT_LEAST, 约/近/左右 → APPROXIMATE.',
  })
  qualifier!: string;

  @Field(() => FigureKindEnum, {
    description: 'TARGET when the clause (or the one before) states a plan or goal, or the period is a plan’s.',
  })
  kind!: string;

  @Field(() => FigureScopeEnum, { description: 'PARTIAL for one event or channel (本次, 当天, 线上, 直播, 其中 …), else TOTAL.' })
  scope!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The most likely indicator; null when none fits (the figure is still shown, never forced).',
  })
  indicatorCode!: string | null;

  @Field(() => Float, { description: 'Score of the indicator (of the best one below the threshold when unmatched), 0–1.' })
  score!: number;

  @Field(() => [IndicatorAlternativeNode], { description: 'Runner-up indicators, best first.' })
  alternatives!: IndicatorAlternativeNode[];

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of the region the figure is about; null when none was found.' })
  regionCode!: string | null;

  @Field(() => String, { nullable: true, description: 'How the region was chosen when the text does not name it near the figure.' })
  regionNote!: string | null;

  @Field(() => String, { nullable: true, description: 'First day covered, YYYY-MM-DD; null when the text leaves it open (近年来).' })
  periodStart!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day covered, YYYY-MM-DD.' })
  periodEnd!: string | null;

  @Field(() => String, { nullable: true, description: 'What the period rests on, when it is not written out (今年, 截至目前, 近年来 …).' })
  periodNote!: string | null;

  @Field(() => String, { nullable: true, description: 'For a total computed from a list (市级30家、区级51家 → 81): the items summed.' })
  derivedFrom!: string | null;
}

@InputType('AcceptSourceInput', { description: 'The document accepted figures come from; stored once per text (by SHA-256).' })
export class AcceptSourceInput {
  @Field(() => String, { description: 'The full text the figures were extracted from.' })
  text!: string;

  @Field(() => String, { description: 'Title of the document (at most 256 characters).' })
  title!: string;

  @Field(() => String, { description: 'Publication date, YYYY-MM-DD or YYYY-MM.' })
  date!: string;

  @Field(() => String, { nullable: true, description: 'Who published it.' })
  publisher?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it was published (http or https).' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the uploaded file, if any.' })
  file?: string | null;
}

@InputType('AcceptedFigureInput', { description: 'A candidate as the reviewer accepted it, with their corrections.' })
export class AcceptedFigureInput {
  @Field(() => String, { description: 'Indicator code.' })
  indicator!: string;

  @Field(() => String, { description: 'GB/T 2260 region code.' })
  region!: string;

  @Field(() => String, { description: 'First day covered: YYYY-MM-DD, or YYYY-MM for the whole month.' })
  periodStart!: string;

  @Field(() => String, { description: 'Last day covered: YYYY-MM-DD, or YYYY-MM for the whole month.' })
  periodEnd!: string;

  @Field(() => Float, { description: "In the indicator's unit (1893600, not 189.36)." })
  value!: number;

  @Field(() => String, { nullable: true, description: "The indicator's unit (checked); left out, it is the indicator's." })
  unit?: string | null;

  @Field(() => FigureQualifierEnum, { description: 'EXACT, AT_LEAST or APPROXIMATE (reconciled within 5 %).' })
  qualifier!: 'exact' | 'at_least' | 'approximate';

  @Field(() => FigureKindEnum, { description: 'TARGET stores a target, ACTUAL a published figure.' })
  kind!: 'actual' | 'target';

  @Field(() => FigureScopeEnum, { nullable: true, description: 'For published figures; TOTAL when left out.' })
  scope?: 'total' | 'partial' | null;

  @Field(() => String, { description: 'The clause or sentence quoted; it must stand in the text.' })
  quote!: string;
}

@InputType('AcceptFiguresInput', { description: 'A source document and the figures a reviewer accepted from it.' })
export class AcceptFiguresInput {
  @Field(() => AcceptSourceInput, { description: 'The document, with its full text.' })
  source!: AcceptSourceInput;

  @Field(() => [AcceptedFigureInput], { description: 'At most 500.' })
  figures!: AcceptedFigureInput[];
}

@ObjectType('AcceptFiguresResult', { description: 'What acceptFigures stored, in one transaction.' })
export class AcceptFiguresResultNode {
  @Field(() => SourceDocumentNode, { description: 'The source document (an existing one when the same text was accepted before).' })
  source!: SourceDocumentNode;

  @Field(() => [PublishedFigureNode], { description: 'The figures stored as published figures, in input order.' })
  publishedFigures!: PublishedFigureNode[];

  @Field(() => [TargetNode], { description: 'The figures stored as targets, in input order.' })
  targets!: TargetNode[];
}
