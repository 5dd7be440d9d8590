/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment RegionCrumbs on Region {\n    code\n    name\n    nameEn\n    level\n    ancestors {\n      code\n      name\n      nameEn\n      level\n    }\n    children {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": typeof types.RegionCrumbsFragmentDoc,
    "\n  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {\n    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) {\n      ...RegionValueFields\n    }\n    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {\n      ...RegionValueFields\n    }\n  }\n": typeof types.BreakdownDocument,
    "\n  query Catalog {\n    categories {\n      code\n      name\n      nameEn\n      indicators {\n        ...IndicatorMeta\n      }\n    }\n  }\n": typeof types.CatalogDocument,
    "\n  query RegionView($code: String!) {\n    region(code: $code) {\n      ...RegionCrumbs\n    }\n  }\n": typeof types.RegionViewDocument,
    "\n  fragment RegionValueFields on RegionValue {\n    value\n    note\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": typeof types.RegionValueFieldsFragmentDoc,
    "\n  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      grain\n      from\n      to\n      total\n      note\n      region {\n        code\n        name\n        nameEn\n      }\n      points {\n        period\n        value\n        previous\n        yoy\n      }\n    }\n  }\n": typeof types.TrendDocument,
    "\n  query ImportPage {\n    me {\n      name\n      role\n      region {\n        code\n        name\n      }\n    }\n    imports(limit: 20) {\n      id\n      fileName\n      sha256\n      rows\n      status\n      dryRun\n      problemCount\n      createdAt\n      user {\n        name\n      }\n    }\n  }\n": typeof types.ImportPageDocument,
    "\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator {\n        code\n        name\n        nameEn\n      }\n      denominator {\n        code\n        name\n        nameEn\n      }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region {\n        code\n        name\n        nameEn\n      }\n      periodStart\n      periodEnd\n      value\n      unit\n      qualifier\n      scope\n      quote\n      hubValue\n      reconciled\n      source {\n        file\n        title\n        date\n      }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      qualifier\n      quote\n      region {\n        code\n        name\n        nameEn\n      }\n      source {\n        file\n        title\n        date\n      }\n    }\n  }\n": typeof types.IndicatorDetailDocument,
    "\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    aggregation\n    frequency\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n": typeof types.IndicatorMetaFragmentDoc,
    "\n  fragment KpiTarget on Target {\n    id\n    region {\n      code\n    }\n    indicator {\n      code\n    }\n    periodStart\n    periodEnd\n    value\n    achieved\n    progress\n  }\n": typeof types.KpiTargetFragmentDoc,
    "\n  query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      total\n      totalPrevious\n      totalYoy\n      note\n    }\n  }\n": typeof types.KpiDocument,
    "\n  query RegionTargets($region: String!) {\n    targets(region: $region) {\n      ...KpiTarget\n    }\n  }\n": typeof types.RegionTargetsDocument,
};
const documents: Documents = {
    "\n  fragment RegionCrumbs on Region {\n    code\n    name\n    nameEn\n    level\n    ancestors {\n      code\n      name\n      nameEn\n      level\n    }\n    children {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": types.RegionCrumbsFragmentDoc,
    "\n  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {\n    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) {\n      ...RegionValueFields\n    }\n    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {\n      ...RegionValueFields\n    }\n  }\n": types.BreakdownDocument,
    "\n  query Catalog {\n    categories {\n      code\n      name\n      nameEn\n      indicators {\n        ...IndicatorMeta\n      }\n    }\n  }\n": types.CatalogDocument,
    "\n  query RegionView($code: String!) {\n    region(code: $code) {\n      ...RegionCrumbs\n    }\n  }\n": types.RegionViewDocument,
    "\n  fragment RegionValueFields on RegionValue {\n    value\n    note\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": types.RegionValueFieldsFragmentDoc,
    "\n  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      grain\n      from\n      to\n      total\n      note\n      region {\n        code\n        name\n        nameEn\n      }\n      points {\n        period\n        value\n        previous\n        yoy\n      }\n    }\n  }\n": types.TrendDocument,
    "\n  query ImportPage {\n    me {\n      name\n      role\n      region {\n        code\n        name\n      }\n    }\n    imports(limit: 20) {\n      id\n      fileName\n      sha256\n      rows\n      status\n      dryRun\n      problemCount\n      createdAt\n      user {\n        name\n      }\n    }\n  }\n": types.ImportPageDocument,
    "\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator {\n        code\n        name\n        nameEn\n      }\n      denominator {\n        code\n        name\n        nameEn\n      }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region {\n        code\n        name\n        nameEn\n      }\n      periodStart\n      periodEnd\n      value\n      unit\n      qualifier\n      scope\n      quote\n      hubValue\n      reconciled\n      source {\n        file\n        title\n        date\n      }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      qualifier\n      quote\n      region {\n        code\n        name\n        nameEn\n      }\n      source {\n        file\n        title\n        date\n      }\n    }\n  }\n": types.IndicatorDetailDocument,
    "\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    aggregation\n    frequency\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n": types.IndicatorMetaFragmentDoc,
    "\n  fragment KpiTarget on Target {\n    id\n    region {\n      code\n    }\n    indicator {\n      code\n    }\n    periodStart\n    periodEnd\n    value\n    achieved\n    progress\n  }\n": types.KpiTargetFragmentDoc,
    "\n  query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      total\n      totalPrevious\n      totalYoy\n      note\n    }\n  }\n": types.KpiDocument,
    "\n  query RegionTargets($region: String!) {\n    targets(region: $region) {\n      ...KpiTarget\n    }\n  }\n": types.RegionTargetsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RegionCrumbs on Region {\n    code\n    name\n    nameEn\n    level\n    ancestors {\n      code\n      name\n      nameEn\n      level\n    }\n    children {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n"): (typeof documents)["\n  fragment RegionCrumbs on Region {\n    code\n    name\n    nameEn\n    level\n    ancestors {\n      code\n      name\n      nameEn\n      level\n    }\n    children {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {\n    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) {\n      ...RegionValueFields\n    }\n    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {\n      ...RegionValueFields\n    }\n  }\n"): (typeof documents)["\n  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {\n    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) {\n      ...RegionValueFields\n    }\n    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {\n      ...RegionValueFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalog {\n    categories {\n      code\n      name\n      nameEn\n      indicators {\n        ...IndicatorMeta\n      }\n    }\n  }\n"): (typeof documents)["\n  query Catalog {\n    categories {\n      code\n      name\n      nameEn\n      indicators {\n        ...IndicatorMeta\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionView($code: String!) {\n    region(code: $code) {\n      ...RegionCrumbs\n    }\n  }\n"): (typeof documents)["\n  query RegionView($code: String!) {\n    region(code: $code) {\n      ...RegionCrumbs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RegionValueFields on RegionValue {\n    value\n    note\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n"): (typeof documents)["\n  fragment RegionValueFields on RegionValue {\n    value\n    note\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      grain\n      from\n      to\n      total\n      note\n      region {\n        code\n        name\n        nameEn\n      }\n      points {\n        period\n        value\n        previous\n        yoy\n      }\n    }\n  }\n"): (typeof documents)["\n  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      grain\n      from\n      to\n      total\n      note\n      region {\n        code\n        name\n        nameEn\n      }\n      points {\n        period\n        value\n        previous\n        yoy\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportPage {\n    me {\n      name\n      role\n      region {\n        code\n        name\n      }\n    }\n    imports(limit: 20) {\n      id\n      fileName\n      sha256\n      rows\n      status\n      dryRun\n      problemCount\n      createdAt\n      user {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImportPage {\n    me {\n      name\n      role\n      region {\n        code\n        name\n      }\n    }\n    imports(limit: 20) {\n      id\n      fileName\n      sha256\n      rows\n      status\n      dryRun\n      problemCount\n      createdAt\n      user {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator {\n        code\n        name\n        nameEn\n      }\n      denominator {\n        code\n        name\n        nameEn\n      }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region {\n        code\n        name\n        nameEn\n      }\n      periodStart\n      periodEnd\n      value\n      unit\n      qualifier\n      scope\n      quote\n      hubValue\n      reconciled\n      source {\n        file\n        title\n        date\n      }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      qualifier\n      quote\n      region {\n        code\n        name\n        nameEn\n      }\n      source {\n        file\n        title\n        date\n      }\n    }\n  }\n"): (typeof documents)["\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator {\n        code\n        name\n        nameEn\n      }\n      denominator {\n        code\n        name\n        nameEn\n      }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region {\n        code\n        name\n        nameEn\n      }\n      periodStart\n      periodEnd\n      value\n      unit\n      qualifier\n      scope\n      quote\n      hubValue\n      reconciled\n      source {\n        file\n        title\n        date\n      }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      qualifier\n      quote\n      region {\n        code\n        name\n        nameEn\n      }\n      source {\n        file\n        title\n        date\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    aggregation\n    frequency\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n"): (typeof documents)["\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    aggregation\n    frequency\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KpiTarget on Target {\n    id\n    region {\n      code\n    }\n    indicator {\n      code\n    }\n    periodStart\n    periodEnd\n    value\n    achieved\n    progress\n  }\n"): (typeof documents)["\n  fragment KpiTarget on Target {\n    id\n    region {\n      code\n    }\n    indicator {\n      code\n    }\n    periodStart\n    periodEnd\n    value\n    achieved\n    progress\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      total\n      totalPrevious\n      totalYoy\n      note\n    }\n  }\n"): (typeof documents)["\n  query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      total\n      totalPrevious\n      totalYoy\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionTargets($region: String!) {\n    targets(region: $region) {\n      ...KpiTarget\n    }\n  }\n"): (typeof documents)["\n  query RegionTargets($region: String!) {\n    targets(region: $region) {\n      ...KpiTarget\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;