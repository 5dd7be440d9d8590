import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { MAX_EMBEDS_LISTED } from '../modules/embed/embed.service.js';
import type { Em } from '../db/orm.js';
import { GRAIN_MONTHS, parseRange, type Grain } from '../modules/aggregate/period.js';
import { MAX_SAVED_PER_USER } from '../modules/saved-query/saved-query.service.js';

/**
 * What an answer costs, estimated before it is computed: every field counts 1, a field that runs its
 * own SQL statement counts SQL_COST more, and a list counts what is asked of each item times the
 * number of items it can hold — the real count where the arguments tell it (the children of
 * the region asked for, the buckets of from..to at the grain), else the largest in the database.
 * Introspection is priced the same way, from the schema's own sizes.
 */

/** A field being priced: `Type.field`, its arguments, and the field it is nested in. */
export interface FieldContext {
  key: string;
  args: Record<string, unknown>;
  parent?: FieldContext;
}

export interface CostModel {
  /** How many items a list field holds, by `Type.field`. Every list field of the schema has one. */
  lists: Record<string, (field: FieldContext) => number>;
  /** Extra cost of a field that runs its own SQL statement(s), by `Type.field` (a list: once for all its items). */
  weights: Record<string, number>;
  /** Extra cost of each item of a list, by `Type.field`: rows hydrated as ORM entities cost more than plain objects. */
  itemWeights: Record<string, number>;
}

/** Sizes read from the database once at start: the region tree, the catalog, the figure lists. */
export interface Cardinalities {
  regionsByLevel: Record<string, number>;
  /** Direct children's codes per region code. */
  children: Map<string, string[]>;
  maxChildren: number;
  /** The largest family of a region of each level (0 for counties). */
  maxChildrenByLevel: Record<string, number>;
  /** Depth of the region tree below the nation (ancestors of a county). */
  maxAncestors: number;
  categories: number;
  indicators: number;
  indicatorsByCategory: Map<string, number>;
  maxIndicatorsPerCategory: number;
  /** Published figures and targets: where and what, to count those a filter keeps. */
  publishedFigures: FigureKey[];
  targets: FigureKey[];
}

export interface FigureKey {
  /** The figure's region and the regions above it. */
  regions: string[];
  indicator: string;
}

/**
 * The unit is a field of a plain object, ~3 µs to produce and send. Measured on the demo data
 * (PGlite, this machine): an aggregate statement takes 2–5 ms, and PGlite runs statements one at a
 * time on the server's own thread, so they are what other callers wait behind: 750 units. A row
 * hydrated as an ORM entity (a region, a figure) takes 70–120 µs: 25 units over its fields.
 */
export const SQL_COST = 750;
export const ENTITY_COST = 25;

export async function loadCardinalities(em: Em): Promise<Cardinalities> {
  const connection = em.getConnection();
  const levels = await connection.execute<{ level: string; n: number }[]>('select level, count(*)::int as n from region group by level');
  const regions = await connection.execute<{ code: string; parent: string }[]>(
    'select code, parent_code as parent from region where parent_code is not null',
  );
  const children = new Map<string, string[]>();
  for (const r of regions) children.set(r.parent, [...(children.get(r.parent) ?? []), r.code]);
  const categories = await connection.execute<{ category: string; n: number }[]>(
    'select category, count(*)::int as n from indicator group by category',
  );
  const [{ depth }] = await connection.execute<{ depth: number }[]>(
    'select coalesce(max(n), 0)::int as depth from (select count(*) as n from region_ancestor group by region_code) a',
  );
  const families = await connection.execute<{ level: string; n: number }[]>(
    `select r.level, coalesce(max(c.n), 0)::int as n from region r
       left join (select parent_code, count(*) as n from region group by parent_code) c on c.parent_code = r.code group by r.level`,
  );
  const figures = (table: string) =>
    connection
      .execute<{ region_code: string; indicator: string; ancestors: string[] }[]>(
        `select f.region_code, i.code as indicator,
           array(select a.ancestor_code from region_ancestor a where a.region_code = f.region_code) as ancestors
         from ${table} f join indicator i on i.id = f.indicator_id`,
      )
      .then((rows) => rows.map((r) => ({ regions: [r.region_code, ...r.ancestors], indicator: r.indicator })));
  const byCategory = new Map(categories.map((c) => [c.category, c.n]));
  return {
    regionsByLevel: Object.fromEntries(levels.map((l) => [l.level, l.n])),
    children,
    maxChildren: Math.max(1, ...[...children.values()].map((c) => c.length)),
    maxChildrenByLevel: Object.fromEntries(families.map((f) => [f.level, f.n])),
    maxAncestors: Math.max(1, depth),
    categories: Math.max(1, byCategory.size),
    indicators: categories.reduce((n, c) => n + c.n, 0),
    indicatorsByCategory: byCategory,
    maxIndicatorsPerCategory: Math.max(1, ...categories.map((c) => c.n)),
    publishedFigures: await figures('published_figure'),
    targets: await figures('target'),
  };
}

/** Buckets of from..to at the grain (1 when the arguments are invalid: the resolver refuses them). */
export function bucketCount(args: Record<string, unknown>): number {
  try {
    const range = parseRange(String(args.from), String(args.to));
    const months = GRAIN_MONTHS[args.grain as Grain] ?? 1;
    return Math.floor(range.to / months) - Math.floor(range.from / months) + 1;
  } catch {
    return 1;
  }
}

/**
 * The sizes of the introspection lists, from the schema itself: the largest of each kind, except
 * under `__schema { types { … } }` (and `directives`), where every type is listed once and the total
 * is what counts: there, the mean per type (per field for `args`) times the count is exact.
 */
function introspectionLists(schema: GraphQLSchema): Record<string, (field: FieldContext) => number> {
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  const fieldsOf = (t: GraphQLNamedType) => (isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : []);
  const allFields = types.flatMap(fieldsOf);
  const sized = (count: (t: GraphQLNamedType) => number) => {
    const counts = types.map(count);
    const max = Math.max(1, ...counts);
    const mean = counts.reduce((a, b) => a + b, 0) / types.length;
    return ({ parent }: FieldContext) => (parent?.key === '__Schema.types' ? mean : max);
  };
  const maxArgs = Math.max(1, ...allFields.map((f) => f.args.length));
  const meanArgs = allFields.reduce((n, f) => n + f.args.length, 0) / Math.max(1, allFields.length);
  const maxDirectiveArgs = Math.max(1, ...directives.map((d) => d.args.length));
  const meanDirectiveArgs = directives.reduce((n, d) => n + d.args.length, 0) / Math.max(1, directives.length);
  const maxLocations = Math.max(1, ...directives.map((d) => d.locations.length));
  const meanLocations = directives.reduce((n, d) => n + d.locations.length, 0) / Math.max(1, directives.length);
  return {
    '__Schema.types': () => types.length,
    '__Schema.directives': () => directives.length,
    '__Type.fields': sized((t) => fieldsOf(t).length),
    '__Type.interfaces': sized((t) => (isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().length : 0)),
    '__Type.possibleTypes': sized((t) => (isAbstractType(t) ? schema.getPossibleTypes(t).length : 0)),
    '__Type.enumValues': sized((t) => (isEnumType(t) ? t.getValues().length : 0)),
    '__Type.inputFields': sized((t) => (isInputObjectType(t) ? Object.keys(t.getFields()).length : 0)),
    '__Field.args': ({ parent }) => (parent?.key === '__Type.fields' && parent.parent?.key === '__Schema.types' ? meanArgs : maxArgs),
    '__Directive.args': ({ parent }) => (parent?.key === '__Schema.directives' ? meanDirectiveArgs : maxDirectiveArgs),
    '__Directive.locations': ({ parent }) => (parent?.key === '__Schema.directives' ? meanLocations : maxLocations),
  };
}

/** Hexie's cost model: list sizes from the database and the schema, SQL weights from the resolvers. */
/** Bounds for signed-in lists that have no limit argument. */
const MAX_LISTED = { users: 1000 };

const acceptedCount = (args: Record<string, unknown> | undefined) => {
  const figures = (args?.input as { figures?: unknown[] } | undefined)?.figures;
  return Array.isArray(figures) ? figures.length : 1;
};

export function hexieCostModel(schema: GraphQLSchema, sizes: Cardinalities): CostModel {
  const childrenOf = (code: unknown) => (typeof code === 'string' ? (sizes.children.get(code)?.length ?? 0) : sizes.maxChildren);
  /** The largest family among the children of `code`. */
  const grandchildrenOf = (code: unknown) =>
    typeof code === 'string' ? Math.max(0, ...(sizes.children.get(code) ?? []).map(childrenOf)) : sizes.maxChildren;
  const breakdown = ({ args }: FieldContext) => Math.max(1, childrenOf(args.region));
  const figures =
    (list: FigureKey[]) =>
    ({ args }: FieldContext) =>
      list.filter(
        (f) =>
          (typeof args.region !== 'string' || f.regions.includes(args.region)) &&
          (typeof args.indicator !== 'string' || f.indicator === args.indicator),
      ).length;
  return {
    lists: {
      'Query.regions': ({ args }) => {
        if (args.parent) {
          const n = childrenOf(args.parent);
          return args.level ? Math.min(n, sizes.regionsByLevel[String(args.level)] ?? 0) : n;
        }
        if (args.level) return sizes.regionsByLevel[String(args.level)] ?? 0;
        return (sizes.regionsByLevel.NATION ?? 0) + (sizes.regionsByLevel.PROVINCE ?? 0);
      },
      // the children of region(code: …) are known; those of regions(…) and of the regions of a
      // breakdown, at most the largest family among them; elsewhere, the largest family there is
      'Region.children': ({ parent }) => {
        if (parent?.key === 'Query.region') return childrenOf(parent.args.code);
        if (parent?.key === 'Query.regions') {
          if (typeof parent.args.parent === 'string') return grandchildrenOf(parent.args.parent);
          if (typeof parent.args.level === 'string') return sizes.maxChildrenByLevel[parent.args.level] ?? 0;
          return Math.max(sizes.maxChildrenByLevel.NATION ?? 0, sizes.maxChildrenByLevel.PROVINCE ?? 0);
        }
        const breakdown = parent?.key === 'RegionValue.region' ? parent.parent : undefined;
        if (breakdown && typeof breakdown.args.region === 'string') return grandchildrenOf(breakdown.args.region);
        return sizes.maxChildren;
      },
      'Region.ancestors': () => sizes.maxAncestors,
      'Query.breakdown': breakdown,
      'Indicator.breakdown': breakdown,
      'Series.points': ({ parent }) => (parent ? bucketCount(parent.args) : 1),
      'Query.categories': () => sizes.categories,
      'Category.indicators': () => sizes.maxIndicatorsPerCategory,
      'Query.indicators': ({ args }) =>
        typeof args.category === 'string' ? (sizes.indicatorsByCategory.get(args.category) ?? 0) : sizes.indicators,
      'Indicator.grains': () => 3,
      'Query.publishedFigures': figures(sizes.publishedFigures),
      'Query.targets': figures(sizes.targets),
      // signed-in lists: their limits where they have one, else generous bounds
      'Query.users': () => MAX_LISTED.users,
      'Query.reports': ({ args }) => (typeof args.limit === 'number' ? args.limit : 100),
      'Query.observations': ({ args }) => (typeof args.limit === 'number' ? args.limit : 1000),
      'Query.observationHistory': ({ args }) => (typeof args.limit === 'number' ? args.limit : 200),
      'Query.reportHistory': ({ args }) => (typeof args.limit === 'number' ? args.limit : 200),
      'Query.savedQueries': () => MAX_SAVED_PER_USER,
      'Query.imports': ({ args }) => (typeof args.limit === 'number' ? args.limit : 20),
      'Import.problems': () => 1000,
      'Import.reports': () => 5000,
      'Query.embeds': () => MAX_EMBEDS_LISTED,
      'Embed.origins': () => 20,
      'Report.entries': () => sizes.indicators,
      'DataChange.indicators': () => sizes.indicators,
      // the reports touched: one per region and period among the values
      'Mutation.saveObservations': ({ args }) =>
        Array.isArray(args.values)
          ? new Set(args.values.map((v: { region?: unknown; period?: unknown }) => `${v.region}|${v.period}`)).size
          : 1,
      // about one figure per 20 characters of report text (the seeds: one per 400)
      'Query.extractFigures': ({ args }) => Math.ceil(String((args.input as { text?: string } | undefined)?.text ?? '').length / 20) + 1,
      'FigureCandidate.alternatives': () => 3,
      'AcceptFiguresResult.publishedFigures': ({ parent }) => acceptedCount(parent?.args),
      'AcceptFiguresResult.targets': ({ parent }) => acceptedCount(parent?.args),
      ...introspectionLists(schema),
    },
    itemWeights: {
      'Query.regions': ENTITY_COST,
      'Region.children': ENTITY_COST,
      'Region.ancestors': ENTITY_COST,
      'Query.publishedFigures': ENTITY_COST,
      'Query.targets': ENTITY_COST,
      'Query.users': ENTITY_COST,
      'Query.reports': ENTITY_COST,
      'Query.observationHistory': ENTITY_COST,
      'Query.reportHistory': ENTITY_COST,
      'Query.savedQueries': ENTITY_COST,
    },
    weights: {
      'Query.regions': SQL_COST,
      'Query.series': 2 * SQL_COST, // the range and the same range a year earlier
      'Indicator.series': 2 * SQL_COST,
      'Query.breakdown': SQL_COST,
      'Indicator.breakdown': SQL_COST,
      'Query.publishedFigures': SQL_COST,
      'Query.targets': SQL_COST,
      // the aggregate over a figure's whole period (measured 4–9 ms each): hubValue and reconciled
      // (achieved and progress) share it, and either alone runs it
      'PublishedFigure.hubValue': SQL_COST,
      'PublishedFigure.reconciled': SQL_COST,
      'Target.achieved': SQL_COST,
      'Target.progress': SQL_COST,
      // one lookup per source document (a handful), then from the identity map
      'PublishedFigure.source': SQL_COST / 10,
      'Target.source': SQL_COST / 10,
      'Query.reports': 2 * SQL_COST,
      'Report.entries': SQL_COST / 10, // batched: one statement for every report of the request
      'Query.observations': SQL_COST,
      'Query.observationHistory': SQL_COST,
      'Query.reportHistory': SQL_COST,
      'Query.users': SQL_COST,
      'Query.savedQueries': SQL_COST,
      'Query.savedQuery': 2 * SQL_COST, // the query and, when shared, its owner
    },
  };
}

/** List fields of the schema (introspection included) that the model has no size for: should be none. */
export function unpricedLists(schema: GraphQLSchema, model: CostModel): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (isListType(getNullableType(field.type)) && !model.lists[`${type.name}.${field.name}`]) {
        // an interface's list is priced through the types that implement it
        if (isInterfaceType(type)) continue;
        missing.push(`${type.name}.${field.name}`);
      }
    }
  }
  return missing;
}

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced variable values. */
  variables: Record<string, unknown>;
  model: CostModel;
  /** Called with every field's coerced arguments (the input checks use it). */
  onArguments?: (field: FieldContext) => void;
}

/** The estimated cost of an operation (validated, with coerced variables). */
export function operationCost({ schema, operation, fragments, variables, model, onArguments }: CostInput): number {
  const memo = new Map<string, number>();
  const included = (node: { directives?: readonly import('graphql').DirectiveNode[] }) => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  };
  const fieldDef = (type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (name === '__typename') return TypeNameMetaFieldDef;
    if (type === schema.getQueryType() && name === '__schema') return SchemaMetaFieldDef;
    if (type === schema.getQueryType() && name === '__type') return TypeMetaFieldDef;
    return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
  };

  const selectionCost = (type: GraphQLNamedType, set: SelectionSetNode, parent: FieldContext | undefined): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const def = fieldDef(type, selection.name.value);
        if (!def) continue;
        const key = `${type.name}.${def.name}`;
        const field: FieldContext = { key, args: getArgumentValues(def, selection, variables), parent };
        onArguments?.(field);
        const named = getNamedType(def.type);
        const children = selection.selectionSet ? selectionCost(named, selection.selectionSet, field) : 0;
        const items = isListType(getNullableType(def.type)) ? (model.lists[key]?.(field) ?? 1) : 1;
        cost += (model.weights[key] ?? 0) + items * (1 + (model.itemWeights[key] ?? 0) + children);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
        if (!fragment) continue;
        const on = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (!on) continue;
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          // a fragment spread many times is priced once per place it can take its arguments from
          const memoKey = `${selection.name.value}|${on.name}|${parent?.key}|${JSON.stringify(parent?.args ?? null)}`;
          let fragmentCost = memo.get(memoKey);
          if (fragmentCost === undefined) memo.set(memoKey, (fragmentCost = selectionCost(on, fragment.selectionSet, parent)));
          cost += fragmentCost;
        } else {
          cost += selectionCost(on, fragment.selectionSet, parent);
        }
      }
    }
    return cost;
  };

  const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[
    operation.operation
  ];
  return root ? selectionCost(root, operation.selectionSet, undefined) : 0;
}
