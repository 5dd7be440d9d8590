import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getVariableValues, GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLSchema, type ValidationContext } from 'graphql';
import { operationCost, SQL_COST, type CostModel } from './cost.js';
import { checkArguments } from './input.js';

/** Nesting of fields (fragments are flattened; introspection, priced by cost, is not counted). */
export const MAX_DEPTH = 10;
/**
 * The most a request's answer may cost (cost.ts): ~200 SQL statements or ~50,000 rows of fields,
 * 0.3–0.8 s of work on this machine (hostile.test.ts measures it). The bench's heaviest query
 * (21 cities × 120 months) costs ~28 % of it, the dashboard's heaviest ~6 %: see cost.test.ts.
 */
export const MAX_COST = 150_000;
export const MAX_ALIASES = 30;
export const MAX_DIRECTIVES = 30;
/** Lexical tokens of a query document (the dashboard's largest has ~130). */
export const MAX_TOKENS = 3_000;

const limitError = (code: string, message: string, extensions: Record<string, number>) =>
  new GraphQLError(message, { extensions: { code, http: { status: 400 }, ...extensions } });

/** Armor's finding ("… limit of 10 exceeded, found 12.") as the request's figure. */
const found = (error: GraphQLError) => Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);

/**
 * graphql-armor's depth, alias and directive limits, reporting QUERY_TOO_DEEP / QUERY_TOO_COMPLEX
 * with the limit and the request's figure. Armor's cost limit is off: it counts fields in the text,
 * not the rows a list returns — the list-multiplying estimate below does that.
 */
export function armorLimits(): {
  validationRules: NonNullable<ApolloServerOptions<object>['validationRules']>;
  plugins: ApolloServerPlugin<object>[];
} {
  const reject = (describe: (n: number) => GraphQLError) => ({
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(describe(found(error)))],
  });
  const deep = reject((n) =>
    limitError('QUERY_TOO_DEEP', `The query is nested ${n} levels deep; at most ${MAX_DEPTH} are allowed. Split it into several queries.`, {
      depth: n,
      maxDepth: MAX_DEPTH,
    }),
  );
  const aliases = reject((n) =>
    limitError('QUERY_TOO_COMPLEX', `The query uses ${n} aliases; at most ${MAX_ALIASES} are allowed. Split it into several queries.`, {
      aliases: n,
      maxAliases: MAX_ALIASES,
    }),
  );
  const directives = reject((n) =>
    limitError('QUERY_TOO_COMPLEX', `The query uses ${n} directives; at most ${MAX_DIRECTIVES} are allowed.`, {
      directives: n,
      maxDirectives: MAX_DIRECTIVES,
    }),
  );
  const { validationRules, plugins } = new ApolloArmor({
    costLimit: { enabled: false },
    maxTokens: { enabled: false }, // graphql's own parser limit below answers 400 (armor's plugin answers 500)
    blockFieldSuggestion: { enabled: false }, // the schema is public (introspection is on): suggestions help
    maxDepth: { n: MAX_DEPTH, flattenFragments: true, ignoreIntrospection: true, ...deep },
    maxAliases: { n: MAX_ALIASES, ...aliases },
    maxDirectives: { n: MAX_DIRECTIVES, ...directives },
  }).protect();
  return { validationRules, plugins: (plugins ?? []) as ApolloServerPlugin<object>[] };
}

/** graphql-js stops parsing a document past this many tokens (GRAPHQL_PARSE_FAILED, 400). */
export const parseOptions = { maxTokens: MAX_TOKENS };

/**
 * Prices each operation before it runs (cost.ts) and refuses it over MAX_COST; checks every string
 * argument on the way (input.ts). Variables that do not fit their types are left to graphql-js,
 * which reports them as BAD_USER_INPUT (400).
 */
export function queryCostPlugin<T extends object>(model: () => CostModel, maxCost = MAX_COST): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          if (operation.operation === 'subscription') {
            throw new GraphQLError(
              'Subscriptions run over WebSocket (the graphql-ws protocol) at this same path, /graphql; HTTP answers queries and mutations.',
              { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
            );
          }
          const coerced = getVariableValues(schema as GraphQLSchema, operation.variableDefinitions ?? [], request.variables ?? {}, {
            maxErrors: 1,
          });
          if (coerced.errors) return;
          const fragments = Object.fromEntries(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((f) => [f.name.value, f]),
          );
          const cost = operationCost({
            schema,
            operation,
            fragments,
            variables: coerced.coerced,
            model: model(),
            onArguments: checkArguments,
          });
          if (cost > maxCost) {
            throw limitError(
              'QUERY_TOO_COMPLEX',
              `The query would cost ${Math.round(cost)}; at most ${maxCost} is allowed (each field counts 1 and each SQL statement ${SQL_COST} more, times the items of the lists it is in). Ask for fewer regions, periods or fields, or split the query.`,
              { cost: Math.round(cost), maxCost },
            );
          }
        },
      };
    },
  };
}
