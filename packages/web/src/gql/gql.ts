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
    "\n  fragment ReportHead on Report {\n    period\n    status\n    updatedAt\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n    submittedAt\n    submittedBy {\n      id\n      name\n      email\n    }\n    approvedAt\n    approvedBy {\n      id\n      name\n      email\n    }\n    returnedAt\n    returnedBy {\n      id\n      name\n      email\n    }\n    returnReason\n  }\n": typeof types.ReportHeadFragmentDoc,
    "\n  fragment Account on User {\n    id\n    email\n    name\n    role\n    active\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": typeof types.AccountFragmentDoc,
    "\n  query Me {\n    me {\n      ...Account\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        ...Account\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {\n    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) {\n      ...RegionValueFields\n    }\n    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {\n      ...RegionValueFields\n    }\n  }\n": typeof types.BreakdownDocument,
    "\n  query Catalog {\n    categories {\n      code\n      name\n      nameEn\n      indicators {\n        ...IndicatorMeta\n      }\n    }\n  }\n": typeof types.CatalogDocument,
    "\n  query RegionView($code: String!) {\n    region(code: $code) {\n      ...RegionCrumbs\n    }\n  }\n": typeof types.RegionViewDocument,
    "\n  fragment RegionValueFields on RegionValue {\n    value\n    note\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": typeof types.RegionValueFieldsFragmentDoc,
    "\n  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      grain\n      from\n      to\n      total\n      note\n      region {\n        code\n        name\n        nameEn\n      }\n      points {\n        period\n        value\n        previous\n        yoy\n      }\n    }\n  }\n": typeof types.TrendDocument,
    "\n  query MeRole {\n    me {\n      id\n      role\n    }\n  }\n": typeof types.MeRoleDocument,
    "\n  mutation CreateEmbed($input: EmbedInput!) {\n    createEmbed(input: $input) {\n      id\n      kind\n      token\n      iframeUrl\n      snippet\n      expiresAt\n    }\n  }\n": typeof types.CreateEmbedDocument,
    "\n  fragment EntryReport on Report {\n    ...ReportHead\n    entries {\n      indicator {\n        code\n        name\n        nameEn\n        unit\n        unitEn\n        category\n      }\n      value\n      note\n      previousValue\n      lastYearValue\n      change\n      yoy\n      unusual\n    }\n  }\n": typeof types.EntryReportFragmentDoc,
    "\n  query EntryReport($region: String!, $period: String!) {\n    report(region: $region, period: $period) {\n      ...EntryReport\n    }\n  }\n": typeof types.EntryReportDocument,
    "\n  mutation SaveObservations($values: [ObservationInput!]!) {\n    saveObservations(values: $values) {\n      ...EntryReport\n    }\n  }\n": typeof types.SaveObservationsDocument,
    "\n  mutation SubmitReport($region: String!, $period: String!) {\n    submitReport(region: $region, period: $period) {\n      ...EntryReport\n    }\n  }\n": typeof types.SubmitReportDocument,
    "\n  fragment ReviewCandidate on FigureCandidate {\n    quote\n    quoteStart\n    quoteEnd\n    start\n    end\n    value\n    unit\n    unitText\n    qualifier\n    kind\n    scope\n    score\n    indicator {\n      code\n      name\n      nameEn\n      unit\n    }\n    alternatives {\n      code\n      score\n    }\n    region {\n      ...ReviewRegion\n    }\n    regionNote\n    periodStart\n    periodEnd\n    periodNote\n    derivedFrom\n  }\n": typeof types.ReviewCandidateFragmentDoc,
    "\n  fragment ReviewRegion on Region {\n    code\n    name\n    nameEn\n    ancestors {\n      code\n    }\n  }\n": typeof types.ReviewRegionFragmentDoc,
    "\n  query ReadDocument($input: ReadDocumentInput!) {\n    readDocument(input: $input) {\n      text\n      title\n      publisher\n      date\n      url\n    }\n  }\n": typeof types.ReadDocumentDocument,
    "\n  query ExtractFigures($input: ExtractInput!) {\n    extractFigures(input: $input) {\n      ...ReviewCandidate\n    }\n  }\n": typeof types.ExtractFiguresDocument,
    "\n  query ReviewRegionLookup($code: String!) {\n    region(code: $code) {\n      ...ReviewRegion\n    }\n  }\n": typeof types.ReviewRegionLookupDocument,
    "\n  mutation AcceptFigures($input: AcceptFiguresInput!) {\n    acceptFigures(input: $input) {\n      source {\n        title\n        date\n        sha256\n      }\n      publishedFigures {\n        id\n        indicator {\n          code\n          name\n          nameEn\n        }\n        region {\n          code\n          name\n          nameEn\n        }\n        periodStart\n        periodEnd\n        value\n        unit\n        qualifier\n        scope\n        quote\n        hubValue\n        reconciled\n      }\n      targets {\n        id\n        indicator {\n          code\n          name\n          nameEn\n        }\n        region {\n          code\n          name\n          nameEn\n        }\n        periodStart\n        periodEnd\n        value\n        unit\n        quote\n        achieved\n        progress\n      }\n    }\n  }\n": typeof types.AcceptFiguresDocument,
    "\n  query Reviewer {\n    me {\n      id\n      email\n      name\n      role\n      region {\n        code\n        name\n        nameEn\n      }\n    }\n  }\n": typeof types.ReviewerDocument,
    "\n  query ImportPage {\n    me {\n      id\n      name\n      role\n      region {\n        code\n        name\n      }\n    }\n    imports(limit: 20) {\n      id\n      fileName\n      sha256\n      rows\n      status\n      dryRun\n      problemCount\n      createdAt\n      user {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ImportPageDocument,
    "\n  fragment AuditRow on AuditEntry {\n    id\n    at\n    actor\n    action\n    period\n    before\n    after\n    reason\n    user {\n      id\n      name\n    }\n    indicator {\n      code\n      name\n      nameEn\n    }\n  }\n": typeof types.AuditRowFragmentDoc,
    "\n  query History($region: String!, $indicator: String!, $period: String!) {\n    observationHistory(region: $region, indicator: $indicator, period: $period) {\n      ...AuditRow\n    }\n    reportHistory(region: $region, period: $period) {\n      ...AuditRow\n    }\n  }\n": typeof types.HistoryDocument,
    "\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator {\n        code\n        name\n        nameEn\n      }\n      denominator {\n        code\n        name\n        nameEn\n      }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region {\n        code\n        name\n        nameEn\n      }\n      periodStart\n      periodEnd\n      value\n      unit\n      precision\n      coverage\n      quote\n      hubValue\n      reconciled\n      source {\n        file\n        title\n        date\n      }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      precision\n      quote\n      region {\n        code\n        name\n        nameEn\n      }\n      source {\n        file\n        title\n        date\n      }\n    }\n  }\n": typeof types.IndicatorDetailDocument,
    "\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    rule\n    cadence\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n": typeof types.IndicatorMetaFragmentDoc,
    "\n  fragment KpiTarget on Target {\n    id\n    region {\n      code\n    }\n    indicator {\n      code\n    }\n    periodStart\n    periodEnd\n    value\n    achieved\n    progress\n  }\n": typeof types.KpiTargetFragmentDoc,
    "\n  query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      total\n      totalPrevious\n      totalYoy\n      note\n    }\n  }\n": typeof types.KpiDocument,
    "\n  query RegionTargets($region: String!) {\n    targets(region: $region) {\n      ...KpiTarget\n    }\n  }\n": typeof types.RegionTargetsDocument,
    "\n  fragment ReviewReport on Report {\n    ...ReportHead\n    entries {\n      indicator {\n        code\n        name\n        nameEn\n        unit\n        unitEn\n      }\n      value\n      note\n      previousValue\n      lastYearValue\n      change\n      yoy\n      unusual\n    }\n  }\n": typeof types.ReviewReportFragmentDoc,
    "\n  query ReviewQueue($status: ReportStatus!) {\n    reports(status: $status) {\n      ...ReportHead\n      entries {\n        value\n        unusual\n      }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  query ReviewReport($region: String!, $period: String!) {\n    report(region: $region, period: $period) {\n      ...ReviewReport\n    }\n  }\n": typeof types.ReviewReportDocument,
    "\n  mutation ApproveReport($region: String!, $period: String!) {\n    approveReport(region: $region, period: $period) {\n      ...ReviewReport\n    }\n  }\n": typeof types.ApproveReportDocument,
    "\n  mutation ReturnReport($region: String!, $period: String!, $reason: String!) {\n    returnReport(region: $region, period: $period, reason: $reason) {\n      ...ReviewReport\n    }\n  }\n": typeof types.ReturnReportDocument,
    "\n  mutation UnapproveReport($region: String!, $period: String!, $reason: String!) {\n    unapproveReport(region: $region, period: $period, reason: $reason) {\n      ...ReviewReport\n    }\n  }\n": typeof types.UnapproveReportDocument,
    "\n  fragment UserRow on User {\n    id\n    email\n    name\n    role\n    active\n    createdAt\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": typeof types.UserRowFragmentDoc,
    "\n  query Users {\n    users {\n      ...UserRow\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserRow\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation DeactivateUser($email: String!) {\n    deactivateUser(email: $email) {\n      ...UserRow\n    }\n  }\n": typeof types.DeactivateUserDocument,
    "\n  subscription DataChanged($region: String!) {\n    dataChanged(region: $region) {\n      region {\n        code\n      }\n      period\n      indicators {\n        code\n      }\n    }\n  }\n": typeof types.DataChangedDocument,
    "\n  subscription ReportsChanged($region: String!) {\n    reportsChanged(region: $region) {\n      region {\n        code\n      }\n      period\n      status\n      previousStatus\n    }\n  }\n": typeof types.ReportsChangedDocument,
};
const documents: Documents = {
    "\n  fragment RegionCrumbs on Region {\n    code\n    name\n    nameEn\n    level\n    ancestors {\n      code\n      name\n      nameEn\n      level\n    }\n    children {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": types.RegionCrumbsFragmentDoc,
    "\n  fragment ReportHead on Report {\n    period\n    status\n    updatedAt\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n    submittedAt\n    submittedBy {\n      id\n      name\n      email\n    }\n    approvedAt\n    approvedBy {\n      id\n      name\n      email\n    }\n    returnedAt\n    returnedBy {\n      id\n      name\n      email\n    }\n    returnReason\n  }\n": types.ReportHeadFragmentDoc,
    "\n  fragment Account on User {\n    id\n    email\n    name\n    role\n    active\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": types.AccountFragmentDoc,
    "\n  query Me {\n    me {\n      ...Account\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        ...Account\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Breakdown($indicator: String!, $region: String!, $second: String!, $two: Boolean!, $from: String!, $to: String!) {\n    breakdown(indicator: $indicator, region: $region, from: $from, to: $to) {\n      ...RegionValueFields\n    }\n    second: breakdown(indicator: $indicator, region: $second, from: $from, to: $to) @include(if: $two) {\n      ...RegionValueFields\n    }\n  }\n": types.BreakdownDocument,
    "\n  query Catalog {\n    categories {\n      code\n      name\n      nameEn\n      indicators {\n        ...IndicatorMeta\n      }\n    }\n  }\n": types.CatalogDocument,
    "\n  query RegionView($code: String!) {\n    region(code: $code) {\n      ...RegionCrumbs\n    }\n  }\n": types.RegionViewDocument,
    "\n  fragment RegionValueFields on RegionValue {\n    value\n    note\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": types.RegionValueFieldsFragmentDoc,
    "\n  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      grain\n      from\n      to\n      total\n      note\n      region {\n        code\n        name\n        nameEn\n      }\n      points {\n        period\n        value\n        previous\n        yoy\n      }\n    }\n  }\n": types.TrendDocument,
    "\n  query MeRole {\n    me {\n      id\n      role\n    }\n  }\n": types.MeRoleDocument,
    "\n  mutation CreateEmbed($input: EmbedInput!) {\n    createEmbed(input: $input) {\n      id\n      kind\n      token\n      iframeUrl\n      snippet\n      expiresAt\n    }\n  }\n": types.CreateEmbedDocument,
    "\n  fragment EntryReport on Report {\n    ...ReportHead\n    entries {\n      indicator {\n        code\n        name\n        nameEn\n        unit\n        unitEn\n        category\n      }\n      value\n      note\n      previousValue\n      lastYearValue\n      change\n      yoy\n      unusual\n    }\n  }\n": types.EntryReportFragmentDoc,
    "\n  query EntryReport($region: String!, $period: String!) {\n    report(region: $region, period: $period) {\n      ...EntryReport\n    }\n  }\n": types.EntryReportDocument,
    "\n  mutation SaveObservations($values: [ObservationInput!]!) {\n    saveObservations(values: $values) {\n      ...EntryReport\n    }\n  }\n": types.SaveObservationsDocument,
    "\n  mutation SubmitReport($region: String!, $period: String!) {\n    submitReport(region: $region, period: $period) {\n      ...EntryReport\n    }\n  }\n": types.SubmitReportDocument,
    "\n  fragment ReviewCandidate on FigureCandidate {\n    quote\n    quoteStart\n    quoteEnd\n    start\n    end\n    value\n    unit\n    unitText\n    qualifier\n    kind\n    scope\n    score\n    indicator {\n      code\n      name\n      nameEn\n      unit\n    }\n    alternatives {\n      code\n      score\n    }\n    region {\n      ...ReviewRegion\n    }\n    regionNote\n    periodStart\n    periodEnd\n    periodNote\n    derivedFrom\n  }\n": types.ReviewCandidateFragmentDoc,
    "\n  fragment ReviewRegion on Region {\n    code\n    name\n    nameEn\n    ancestors {\n      code\n    }\n  }\n": types.ReviewRegionFragmentDoc,
    "\n  query ReadDocument($input: ReadDocumentInput!) {\n    readDocument(input: $input) {\n      text\n      title\n      publisher\n      date\n      url\n    }\n  }\n": types.ReadDocumentDocument,
    "\n  query ExtractFigures($input: ExtractInput!) {\n    extractFigures(input: $input) {\n      ...ReviewCandidate\n    }\n  }\n": types.ExtractFiguresDocument,
    "\n  query ReviewRegionLookup($code: String!) {\n    region(code: $code) {\n      ...ReviewRegion\n    }\n  }\n": types.ReviewRegionLookupDocument,
    "\n  mutation AcceptFigures($input: AcceptFiguresInput!) {\n    acceptFigures(input: $input) {\n      source {\n        title\n        date\n        sha256\n      }\n      publishedFigures {\n        id\n        indicator {\n          code\n          name\n          nameEn\n        }\n        region {\n          code\n          name\n          nameEn\n        }\n        periodStart\n        periodEnd\n        value\n        unit\n        qualifier\n        scope\n        quote\n        hubValue\n        reconciled\n      }\n      targets {\n        id\n        indicator {\n          code\n          name\n          nameEn\n        }\n        region {\n          code\n          name\n          nameEn\n        }\n        periodStart\n        periodEnd\n        value\n        unit\n        quote\n        achieved\n        progress\n      }\n    }\n  }\n": types.AcceptFiguresDocument,
    "\n  query Reviewer {\n    me {\n      id\n      email\n      name\n      role\n      region {\n        code\n        name\n        nameEn\n      }\n    }\n  }\n": types.ReviewerDocument,
    "\n  query ImportPage {\n    me {\n      id\n      name\n      role\n      region {\n        code\n        name\n      }\n    }\n    imports(limit: 20) {\n      id\n      fileName\n      sha256\n      rows\n      status\n      dryRun\n      problemCount\n      createdAt\n      user {\n        id\n        name\n      }\n    }\n  }\n": types.ImportPageDocument,
    "\n  fragment AuditRow on AuditEntry {\n    id\n    at\n    actor\n    action\n    period\n    before\n    after\n    reason\n    user {\n      id\n      name\n    }\n    indicator {\n      code\n      name\n      nameEn\n    }\n  }\n": types.AuditRowFragmentDoc,
    "\n  query History($region: String!, $indicator: String!, $period: String!) {\n    observationHistory(region: $region, indicator: $indicator, period: $period) {\n      ...AuditRow\n    }\n    reportHistory(region: $region, period: $period) {\n      ...AuditRow\n    }\n  }\n": types.HistoryDocument,
    "\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator {\n        code\n        name\n        nameEn\n      }\n      denominator {\n        code\n        name\n        nameEn\n      }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region {\n        code\n        name\n        nameEn\n      }\n      periodStart\n      periodEnd\n      value\n      unit\n      precision\n      coverage\n      quote\n      hubValue\n      reconciled\n      source {\n        file\n        title\n        date\n      }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      precision\n      quote\n      region {\n        code\n        name\n        nameEn\n      }\n      source {\n        file\n        title\n        date\n      }\n    }\n  }\n": types.IndicatorDetailDocument,
    "\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    rule\n    cadence\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n": types.IndicatorMetaFragmentDoc,
    "\n  fragment KpiTarget on Target {\n    id\n    region {\n      code\n    }\n    indicator {\n      code\n    }\n    periodStart\n    periodEnd\n    value\n    achieved\n    progress\n  }\n": types.KpiTargetFragmentDoc,
    "\n  query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {\n    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {\n      total\n      totalPrevious\n      totalYoy\n      note\n    }\n  }\n": types.KpiDocument,
    "\n  query RegionTargets($region: String!) {\n    targets(region: $region) {\n      ...KpiTarget\n    }\n  }\n": types.RegionTargetsDocument,
    "\n  fragment ReviewReport on Report {\n    ...ReportHead\n    entries {\n      indicator {\n        code\n        name\n        nameEn\n        unit\n        unitEn\n      }\n      value\n      note\n      previousValue\n      lastYearValue\n      change\n      yoy\n      unusual\n    }\n  }\n": types.ReviewReportFragmentDoc,
    "\n  query ReviewQueue($status: ReportStatus!) {\n    reports(status: $status) {\n      ...ReportHead\n      entries {\n        value\n        unusual\n      }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  query ReviewReport($region: String!, $period: String!) {\n    report(region: $region, period: $period) {\n      ...ReviewReport\n    }\n  }\n": types.ReviewReportDocument,
    "\n  mutation ApproveReport($region: String!, $period: String!) {\n    approveReport(region: $region, period: $period) {\n      ...ReviewReport\n    }\n  }\n": types.ApproveReportDocument,
    "\n  mutation ReturnReport($region: String!, $period: String!, $reason: String!) {\n    returnReport(region: $region, period: $period, reason: $reason) {\n      ...ReviewReport\n    }\n  }\n": types.ReturnReportDocument,
    "\n  mutation UnapproveReport($region: String!, $period: String!, $reason: String!) {\n    unapproveReport(region: $region, period: $period, reason: $reason) {\n      ...ReviewReport\n    }\n  }\n": types.UnapproveReportDocument,
    "\n  fragment UserRow on User {\n    id\n    email\n    name\n    role\n    active\n    createdAt\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n": types.UserRowFragmentDoc,
    "\n  query Users {\n    users {\n      ...UserRow\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserRow\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation DeactivateUser($email: String!) {\n    deactivateUser(email: $email) {\n      ...UserRow\n    }\n  }\n": types.DeactivateUserDocument,
    "\n  subscription DataChanged($region: String!) {\n    dataChanged(region: $region) {\n      region {\n        code\n      }\n      period\n      indicators {\n        code\n      }\n    }\n  }\n": types.DataChangedDocument,
    "\n  subscription ReportsChanged($region: String!) {\n    reportsChanged(region: $region) {\n      region {\n        code\n      }\n      period\n      status\n      previousStatus\n    }\n  }\n": types.ReportsChangedDocument,
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
export function graphql(source: "\n  fragment ReportHead on Report {\n    period\n    status\n    updatedAt\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n    submittedAt\n    submittedBy {\n      id\n      name\n      email\n    }\n    approvedAt\n    approvedBy {\n      id\n      name\n      email\n    }\n    returnedAt\n    returnedBy {\n      id\n      name\n      email\n    }\n    returnReason\n  }\n"): (typeof documents)["\n  fragment ReportHead on Report {\n    period\n    status\n    updatedAt\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n    submittedAt\n    submittedBy {\n      id\n      name\n      email\n    }\n    approvedAt\n    approvedBy {\n      id\n      name\n      email\n    }\n    returnedAt\n    returnedBy {\n      id\n      name\n      email\n    }\n    returnReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Account on User {\n    id\n    email\n    name\n    role\n    active\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n"): (typeof documents)["\n  fragment Account on User {\n    id\n    email\n    name\n    role\n    active\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...Account\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...Account\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        ...Account\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        ...Account\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
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
export function graphql(source: "\n  query MeRole {\n    me {\n      id\n      role\n    }\n  }\n"): (typeof documents)["\n  query MeRole {\n    me {\n      id\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEmbed($input: EmbedInput!) {\n    createEmbed(input: $input) {\n      id\n      kind\n      token\n      iframeUrl\n      snippet\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateEmbed($input: EmbedInput!) {\n    createEmbed(input: $input) {\n      id\n      kind\n      token\n      iframeUrl\n      snippet\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EntryReport on Report {\n    ...ReportHead\n    entries {\n      indicator {\n        code\n        name\n        nameEn\n        unit\n        unitEn\n        category\n      }\n      value\n      note\n      previousValue\n      lastYearValue\n      change\n      yoy\n      unusual\n    }\n  }\n"): (typeof documents)["\n  fragment EntryReport on Report {\n    ...ReportHead\n    entries {\n      indicator {\n        code\n        name\n        nameEn\n        unit\n        unitEn\n        category\n      }\n      value\n      note\n      previousValue\n      lastYearValue\n      change\n      yoy\n      unusual\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntryReport($region: String!, $period: String!) {\n    report(region: $region, period: $period) {\n      ...EntryReport\n    }\n  }\n"): (typeof documents)["\n  query EntryReport($region: String!, $period: String!) {\n    report(region: $region, period: $period) {\n      ...EntryReport\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveObservations($values: [ObservationInput!]!) {\n    saveObservations(values: $values) {\n      ...EntryReport\n    }\n  }\n"): (typeof documents)["\n  mutation SaveObservations($values: [ObservationInput!]!) {\n    saveObservations(values: $values) {\n      ...EntryReport\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitReport($region: String!, $period: String!) {\n    submitReport(region: $region, period: $period) {\n      ...EntryReport\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitReport($region: String!, $period: String!) {\n    submitReport(region: $region, period: $period) {\n      ...EntryReport\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewCandidate on FigureCandidate {\n    quote\n    quoteStart\n    quoteEnd\n    start\n    end\n    value\n    unit\n    unitText\n    qualifier\n    kind\n    scope\n    score\n    indicator {\n      code\n      name\n      nameEn\n      unit\n    }\n    alternatives {\n      code\n      score\n    }\n    region {\n      ...ReviewRegion\n    }\n    regionNote\n    periodStart\n    periodEnd\n    periodNote\n    derivedFrom\n  }\n"): (typeof documents)["\n  fragment ReviewCandidate on FigureCandidate {\n    quote\n    quoteStart\n    quoteEnd\n    start\n    end\n    value\n    unit\n    unitText\n    qualifier\n    kind\n    scope\n    score\n    indicator {\n      code\n      name\n      nameEn\n      unit\n    }\n    alternatives {\n      code\n      score\n    }\n    region {\n      ...ReviewRegion\n    }\n    regionNote\n    periodStart\n    periodEnd\n    periodNote\n    derivedFrom\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewRegion on Region {\n    code\n    name\n    nameEn\n    ancestors {\n      code\n    }\n  }\n"): (typeof documents)["\n  fragment ReviewRegion on Region {\n    code\n    name\n    nameEn\n    ancestors {\n      code\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReadDocument($input: ReadDocumentInput!) {\n    readDocument(input: $input) {\n      text\n      title\n      publisher\n      date\n      url\n    }\n  }\n"): (typeof documents)["\n  query ReadDocument($input: ReadDocumentInput!) {\n    readDocument(input: $input) {\n      text\n      title\n      publisher\n      date\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExtractFigures($input: ExtractInput!) {\n    extractFigures(input: $input) {\n      ...ReviewCandidate\n    }\n  }\n"): (typeof documents)["\n  query ExtractFigures($input: ExtractInput!) {\n    extractFigures(input: $input) {\n      ...ReviewCandidate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewRegionLookup($code: String!) {\n    region(code: $code) {\n      ...ReviewRegion\n    }\n  }\n"): (typeof documents)["\n  query ReviewRegionLookup($code: String!) {\n    region(code: $code) {\n      ...ReviewRegion\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptFigures($input: AcceptFiguresInput!) {\n    acceptFigures(input: $input) {\n      source {\n        title\n        date\n        sha256\n      }\n      publishedFigures {\n        id\n        indicator {\n          code\n          name\n          nameEn\n        }\n        region {\n          code\n          name\n          nameEn\n        }\n        periodStart\n        periodEnd\n        value\n        unit\n        qualifier\n        scope\n        quote\n        hubValue\n        reconciled\n      }\n      targets {\n        id\n        indicator {\n          code\n          name\n          nameEn\n        }\n        region {\n          code\n          name\n          nameEn\n        }\n        periodStart\n        periodEnd\n        value\n        unit\n        quote\n        achieved\n        progress\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptFigures($input: AcceptFiguresInput!) {\n    acceptFigures(input: $input) {\n      source {\n        title\n        date\n        sha256\n      }\n      publishedFigures {\n        id\n        indicator {\n          code\n          name\n          nameEn\n        }\n        region {\n          code\n          name\n          nameEn\n        }\n        periodStart\n        periodEnd\n        value\n        unit\n        qualifier\n        scope\n        quote\n        hubValue\n        reconciled\n      }\n      targets {\n        id\n        indicator {\n          code\n          name\n          nameEn\n        }\n        region {\n          code\n          name\n          nameEn\n        }\n        periodStart\n        periodEnd\n        value\n        unit\n        quote\n        achieved\n        progress\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reviewer {\n    me {\n      id\n      email\n      name\n      role\n      region {\n        code\n        name\n        nameEn\n      }\n    }\n  }\n"): (typeof documents)["\n  query Reviewer {\n    me {\n      id\n      email\n      name\n      role\n      region {\n        code\n        name\n        nameEn\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportPage {\n    me {\n      id\n      name\n      role\n      region {\n        code\n        name\n      }\n    }\n    imports(limit: 20) {\n      id\n      fileName\n      sha256\n      rows\n      status\n      dryRun\n      problemCount\n      createdAt\n      user {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImportPage {\n    me {\n      id\n      name\n      role\n      region {\n        code\n        name\n      }\n    }\n    imports(limit: 20) {\n      id\n      fileName\n      sha256\n      rows\n      status\n      dryRun\n      problemCount\n      createdAt\n      user {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditRow on AuditEntry {\n    id\n    at\n    actor\n    action\n    period\n    before\n    after\n    reason\n    user {\n      id\n      name\n    }\n    indicator {\n      code\n      name\n      nameEn\n    }\n  }\n"): (typeof documents)["\n  fragment AuditRow on AuditEntry {\n    id\n    at\n    actor\n    action\n    period\n    before\n    after\n    reason\n    user {\n      id\n      name\n    }\n    indicator {\n      code\n      name\n      nameEn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($region: String!, $indicator: String!, $period: String!) {\n    observationHistory(region: $region, indicator: $indicator, period: $period) {\n      ...AuditRow\n    }\n    reportHistory(region: $region, period: $period) {\n      ...AuditRow\n    }\n  }\n"): (typeof documents)["\n  query History($region: String!, $indicator: String!, $period: String!) {\n    observationHistory(region: $region, indicator: $indicator, period: $period) {\n      ...AuditRow\n    }\n    reportHistory(region: $region, period: $period) {\n      ...AuditRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator {\n        code\n        name\n        nameEn\n      }\n      denominator {\n        code\n        name\n        nameEn\n      }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region {\n        code\n        name\n        nameEn\n      }\n      periodStart\n      periodEnd\n      value\n      unit\n      precision\n      coverage\n      quote\n      hubValue\n      reconciled\n      source {\n        file\n        title\n        date\n      }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      precision\n      quote\n      region {\n        code\n        name\n        nameEn\n      }\n      source {\n        file\n        title\n        date\n      }\n    }\n  }\n"): (typeof documents)["\n  query IndicatorDetail($code: String!, $region: String!) {\n    indicator(code: $code) {\n      ...IndicatorMeta\n      factor\n      numerator {\n        code\n        name\n        nameEn\n      }\n      denominator {\n        code\n        name\n        nameEn\n      }\n    }\n    publishedFigures(region: $region, indicator: $code) {\n      id\n      region {\n        code\n        name\n        nameEn\n      }\n      periodStart\n      periodEnd\n      value\n      unit\n      precision\n      coverage\n      quote\n      hubValue\n      reconciled\n      source {\n        file\n        title\n        date\n      }\n    }\n    targets(region: $region, indicator: $code) {\n      ...KpiTarget\n      unit\n      precision\n      quote\n      region {\n        code\n        name\n        nameEn\n      }\n      source {\n        file\n        title\n        date\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    rule\n    cadence\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n"): (typeof documents)["\n  fragment IndicatorMeta on Indicator {\n    code\n    name\n    nameEn\n    unit\n    unitEn\n    category\n    rule\n    cadence\n    reportingLevel\n    grains\n    firstPeriod\n    latestPeriod\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewReport on Report {\n    ...ReportHead\n    entries {\n      indicator {\n        code\n        name\n        nameEn\n        unit\n        unitEn\n      }\n      value\n      note\n      previousValue\n      lastYearValue\n      change\n      yoy\n      unusual\n    }\n  }\n"): (typeof documents)["\n  fragment ReviewReport on Report {\n    ...ReportHead\n    entries {\n      indicator {\n        code\n        name\n        nameEn\n        unit\n        unitEn\n      }\n      value\n      note\n      previousValue\n      lastYearValue\n      change\n      yoy\n      unusual\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue($status: ReportStatus!) {\n    reports(status: $status) {\n      ...ReportHead\n      entries {\n        value\n        unusual\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewQueue($status: ReportStatus!) {\n    reports(status: $status) {\n      ...ReportHead\n      entries {\n        value\n        unusual\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewReport($region: String!, $period: String!) {\n    report(region: $region, period: $period) {\n      ...ReviewReport\n    }\n  }\n"): (typeof documents)["\n  query ReviewReport($region: String!, $period: String!) {\n    report(region: $region, period: $period) {\n      ...ReviewReport\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveReport($region: String!, $period: String!) {\n    approveReport(region: $region, period: $period) {\n      ...ReviewReport\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveReport($region: String!, $period: String!) {\n    approveReport(region: $region, period: $period) {\n      ...ReviewReport\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnReport($region: String!, $period: String!, $reason: String!) {\n    returnReport(region: $region, period: $period, reason: $reason) {\n      ...ReviewReport\n    }\n  }\n"): (typeof documents)["\n  mutation ReturnReport($region: String!, $period: String!, $reason: String!) {\n    returnReport(region: $region, period: $period, reason: $reason) {\n      ...ReviewReport\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnapproveReport($region: String!, $period: String!, $reason: String!) {\n    unapproveReport(region: $region, period: $period, reason: $reason) {\n      ...ReviewReport\n    }\n  }\n"): (typeof documents)["\n  mutation UnapproveReport($region: String!, $period: String!, $reason: String!) {\n    unapproveReport(region: $region, period: $period, reason: $reason) {\n      ...ReviewReport\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserRow on User {\n    id\n    email\n    name\n    role\n    active\n    createdAt\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n"): (typeof documents)["\n  fragment UserRow on User {\n    id\n    email\n    name\n    role\n    active\n    createdAt\n    region {\n      code\n      name\n      nameEn\n      level\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users {\n    users {\n      ...UserRow\n    }\n  }\n"): (typeof documents)["\n  query Users {\n    users {\n      ...UserRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserRow\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateUser($email: String!) {\n    deactivateUser(email: $email) {\n      ...UserRow\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivateUser($email: String!) {\n    deactivateUser(email: $email) {\n      ...UserRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DataChanged($region: String!) {\n    dataChanged(region: $region) {\n      region {\n        code\n      }\n      period\n      indicators {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DataChanged($region: String!) {\n    dataChanged(region: $region) {\n      region {\n        code\n      }\n      period\n      indicators {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReportsChanged($region: String!) {\n    reportsChanged(region: $region) {\n      region {\n        code\n      }\n      period\n      status\n      previousStatus\n    }\n  }\n"): (typeof documents)["\n  subscription ReportsChanged($region: String!) {\n    reportsChanged(region: $region) {\n      region {\n        code\n      }\n      period\n      status\n      previousStatus\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;