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
    "\n  fragment RegionCrumbs on Region {\n    code\n    name\n    nameEn\n    level\n    ancestors { code name nameEn level }\n    children { code name nameEn level }\n  }\n": typeof types.RegionCrumbsFragmentDoc,
    "\n  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {\n    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) { ...RegionValueFields }\n    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {\n      ...RegionValueFields\n    }\n  }\n": typeof types.BreakdownDocument,
    "\n  query Catalog {\n    categories {\n      code\n      name\n      nameEn\n      indicators { ...IndicatorMeta }\n    }\n  }\n": typeof types.CatalogDocument,
    "\n  query RegionView($code: String!) {\n    region(code: $code) { ...RegionCrumbs }\n  }\n": typeof types.RegionViewDocument,
    "\n  fragment RegionValueFields on RegionValue {\n    value\n    note\n    region { code name nameEn level }\n  }\n": typeof types.RegionValueFieldsFragmentDoc,
    "\n  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      grain\n      from\n      to\n      total\n      note\n      region { code name nameEn }\n      points { period value previous yoy }\n    }\n  }\n": typeof types.TrendDocument,
    "\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator { code name nameEn }\n      denominator { code name nameEn }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region { code name nameEn }\n      periodStart\n      periodEnd\n      value\n      unit\n      qualifier\n      scope\n      quote\n      hubValue\n      reconciled\n      source { file title date }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      qualifier\n      quote\n      region { code name nameEn }\n      source { file title date }\n    }\n  }\n": typeof types.IndicatorDetailDocument,
    "\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    aggregation\n    frequency\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n": typeof types.IndicatorMetaFragmentDoc,
    "\n  fragment KpiTarget on Target {\n    id\n    region { code }\n    indicator { code }\n    periodStart\n    periodEnd\n    value\n    achieved\n    progress\n  }\n": typeof types.KpiTargetFragmentDoc,
    "\n  query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      total\n      totalPrevious\n      totalYoy\n      note\n    }\n  }\n": typeof types.KpiDocument,
    "\n  query RegionTargets($region: String!) {\n    targets(region: $region) { ...KpiTarget }\n  }\n": typeof types.RegionTargetsDocument,
};
const documents: Documents = {
    "\n  fragment RegionCrumbs on Region {\n    code\n    name\n    nameEn\n    level\n    ancestors { code name nameEn level }\n    children { code name nameEn level }\n  }\n": types.RegionCrumbsFragmentDoc,
    "\n  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {\n    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) { ...RegionValueFields }\n    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {\n      ...RegionValueFields\n    }\n  }\n": types.BreakdownDocument,
    "\n  query Catalog {\n    categories {\n      code\n      name\n      nameEn\n      indicators { ...IndicatorMeta }\n    }\n  }\n": types.CatalogDocument,
    "\n  query RegionView($code: String!) {\n    region(code: $code) { ...RegionCrumbs }\n  }\n": types.RegionViewDocument,
    "\n  fragment RegionValueFields on RegionValue {\n    value\n    note\n    region { code name nameEn level }\n  }\n": types.RegionValueFieldsFragmentDoc,
    "\n  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      grain\n      from\n      to\n      total\n      note\n      region { code name nameEn }\n      points { period value previous yoy }\n    }\n  }\n": types.TrendDocument,
    "\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator { code name nameEn }\n      denominator { code name nameEn }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region { code name nameEn }\n      periodStart\n      periodEnd\n      value\n      unit\n      qualifier\n      scope\n      quote\n      hubValue\n      reconciled\n      source { file title date }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      qualifier\n      quote\n      region { code name nameEn }\n      source { file title date }\n    }\n  }\n": types.IndicatorDetailDocument,
    "\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    aggregation\n    frequency\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n": types.IndicatorMetaFragmentDoc,
    "\n  fragment KpiTarget on Target {\n    id\n    region { code }\n    indicator { code }\n    periodStart\n    periodEnd\n    value\n    achieved\n    progress\n  }\n": types.KpiTargetFragmentDoc,
    "\n  query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      total\n      totalPrevious\n      totalYoy\n      note\n    }\n  }\n": types.KpiDocument,
    "\n  query RegionTargets($region: String!) {\n    targets(region: $region) { ...KpiTarget }\n  }\n": types.RegionTargetsDocument,
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
export function graphql(source: "\n  fragment RegionCrumbs on Region {\n    code\n    name\n    nameEn\n    level\n    ancestors { code name nameEn level }\n    children { code name nameEn level }\n  }\n"): (typeof documents)["\n  fragment RegionCrumbs on Region {\n    code\n    name\n    nameEn\n    level\n    ancestors { code name nameEn level }\n    children { code name nameEn level }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {\n    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) { ...RegionValueFields }\n    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {\n      ...RegionValueFields\n    }\n  }\n"): (typeof documents)["\n  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {\n    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) { ...RegionValueFields }\n    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {\n      ...RegionValueFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalog {\n    categories {\n      code\n      name\n      nameEn\n      indicators { ...IndicatorMeta }\n    }\n  }\n"): (typeof documents)["\n  query Catalog {\n    categories {\n      code\n      name\n      nameEn\n      indicators { ...IndicatorMeta }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionView($code: String!) {\n    region(code: $code) { ...RegionCrumbs }\n  }\n"): (typeof documents)["\n  query RegionView($code: String!) {\n    region(code: $code) { ...RegionCrumbs }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RegionValueFields on RegionValue {\n    value\n    note\n    region { code name nameEn level }\n  }\n"): (typeof documents)["\n  fragment RegionValueFields on RegionValue {\n    value\n    note\n    region { code name nameEn level }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      grain\n      from\n      to\n      total\n      note\n      region { code name nameEn }\n      points { period value previous yoy }\n    }\n  }\n"): (typeof documents)["\n  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      grain\n      from\n      to\n      total\n      note\n      region { code name nameEn }\n      points { period value previous yoy }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator { code name nameEn }\n      denominator { code name nameEn }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region { code name nameEn }\n      periodStart\n      periodEnd\n      value\n      unit\n      qualifier\n      scope\n      quote\n      hubValue\n      reconciled\n      source { file title date }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      qualifier\n      quote\n      region { code name nameEn }\n      source { file title date }\n    }\n  }\n"): (typeof documents)["\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator { code name nameEn }\n      denominator { code name nameEn }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region { code name nameEn }\n      periodStart\n      periodEnd\n      value\n      unit\n      qualifier\n      scope\n      quote\n      hubValue\n      reconciled\n      source { file title date }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      qualifier\n      quote\n      region { code name nameEn }\n      source { file title date }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    aggregation\n    frequency\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n"): (typeof documents)["\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    aggregation\n    frequency\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KpiTarget on Target {\n    id\n    region { code }\n    indicator { code }\n    periodStart\n    periodEnd\n    value\n    achieved\n    progress\n  }\n"): (typeof documents)["\n  fragment KpiTarget on Target {\n    id\n    region { code }\n    indicator { code }\n    periodStart\n    periodEnd\n    value\n    achieved\n    progress\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      total\n      totalPrevious\n      totalYoy\n      note\n    }\n  }\n"): (typeof documents)["\n  query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      total\n      totalPrevious\n      totalYoy\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionTargets($region: String!) {\n    targets(region: $region) { ...KpiTarget }\n  }\n"): (typeof documents)["\n  query RegionTargets($region: String!) {\n    targets(region: $region) { ...KpiTarget }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;