import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import { IndicatorNode } from '../indicator/indicator.types.js';
import { RegionNode } from '../region/region.types.js';
import { DocumentError } from './document-reader.js';
import type { Candidate } from './extract-figures.js';
import { ExtractInputError, ExtractService, ProblemsError } from './extract.service.js';
import {
  AcceptFiguresInput,
  AcceptFiguresResultNode,
  ExtractInput,
  FigureCandidateNode,
  IndicatorAlternativeNode,
  ReadDocumentInput,
  ReportTextNode,
} from './extract.types.js';

/** Client mistakes become BAD_USER_INPUT errors that list every problem. */
async function clientErrors<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProblemsError) {
      const lines = error.problems.map((p) => `${p.index === null ? 'source' : `figures[${p.index}]`}.${p.field}: ${p.message}`);
      const e = badInput(
        `${error.problems.length} problem${error.problems.length > 1 ? 's' : ''}, nothing was stored:\n${lines.join('\n')}`,
      );
      Object.assign(e.extensions, { problems: error.problems });
      throw e;
    }
    if (error instanceof DocumentError || error instanceof ExtractInputError) throw badInput(error.message);
    throw error;
  }
}

const dateText = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

@Resolver(() => FigureCandidateNode)
export class ExtractResolver {
  @Query(() => ReportTextNode, {
    description: 'Reads a .txt, .docx or saved .html file as report text, recognising its title, publisher, date and URL.',
  })
  async readDocument(
    @Arg('input', () => ReadDocumentInput, { description: 'What to do; each field is described on the input type.' })
    input: ReadDocumentInput,
    @Ctx() ctx: Context,
  ) {
    ctx.viewer.require('extractFigures');
    return clientErrors(() => new ExtractService(ctx.em).read(input.fileName, input.contentBase64));
  }

  @Query(() => [FigureCandidateNode], {
    description:
      'Proposes the figures of a report text, each tied to its clause, with the indicator, region, period, kind and scope it most likely has. Nothing is stored.',
  })
  async extractFigures(
    @Arg('input', () => ExtractInput, { description: 'What to do; each field is described on the input type.' }) input: ExtractInput,
    @Ctx() ctx: Context,
  ) {
    ctx.viewer.require('extractFigures');
    const candidates = await clientErrors(() => new ExtractService(ctx.em).extract(input));
    return candidates.map((c: Candidate) => ({ ...c, indicatorCode: c.indicator, regionCode: c.region }));
  }

  @Mutation(() => AcceptFiguresResultNode, {
    description:
      'Stores the source document (once per text, by SHA-256) and the accepted figures as published figures, or as targets, in one transaction. Every problem is reported at once (BAD_USER_INPUT) and then nothing is stored.',
  })
  async acceptFigures(
    @Arg('input', () => AcceptFiguresInput, { description: 'What to do; each field is described on the input type.' })
    input: AcceptFiguresInput,
    @Ctx() ctx: Context,
  ) {
    ctx.viewer.require('extractFigures');
    // unknown regions are reported with the other problems; known ones must be in the caller's scope
    for (const figure of input.figures) if (ctx.regions.get(figure.region)) ctx.viewer.require('extractFigures', figure.region);
    const stored = await clientErrors(() => new ExtractService(ctx.em, ctx.events).accept(input.source, input.figures));
    return {
      source: { ...stored.source, date: dateText(stored.source.date) },
      publishedFigures: stored.published,
      targets: stored.targets,
    };
  }

  @FieldResolver(() => IndicatorNode, { nullable: true, description: 'The most likely indicator; null when none fits.' })
  indicator(@Root() candidate: FigureCandidateNode, @Ctx() { catalog }: Context) {
    return candidate.indicatorCode ? (catalog.byCode.get(candidate.indicatorCode) ?? null) : null;
  }

  @FieldResolver(() => RegionNode, { nullable: true, description: 'The region the figure is about; null when none was found.' })
  region(@Root() candidate: FigureCandidateNode, @Ctx() { regions }: Context) {
    return candidate.regionCode ? (regions.get(candidate.regionCode) ?? null) : null;
  }
}

@Resolver(() => IndicatorAlternativeNode)
export class IndicatorAlternativeResolver {
  @FieldResolver(() => IndicatorNode, { description: 'The indicator.' })
  indicator(@Root() alternative: IndicatorAlternativeNode, @Ctx() { catalog }: Context) {
    return catalog.byCode.get(alternative.code) ?? null;
  }
}
