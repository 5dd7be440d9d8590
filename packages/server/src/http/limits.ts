import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { createRequire } from 'node:module';

// Its ES build imports graphql's .mjs files, a second copy of graphql beside the one the schema was
// built with ("another module or realm"); the CommonJS build shares the server's copy.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

export const MAX_DEPTH = 10;
export const MAX_COMPLEXITY = 1500;

/** Nesting depth of an operation's selections, following fragments; introspection is not counted. */
export function operationDepth(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): number {
  const depth = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let deepest = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, 1 + depth(s.selectionSet, seen));
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depth(s.selectionSet, seen));
      } else if (!seen.has(s.name.value)) {
        deepest = Math.max(deepest, depth(fragments.get(s.name.value)?.selectionSet, new Set([...seen, s.name.value])));
      }
    }
    return deepest;
  };
  return depth(operation.selectionSet, new Set());
}

const isIntrospection = (operation: OperationDefinitionNode) =>
  operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));

/** Refuses operations nested deeper than MAX_DEPTH or costing more than MAX_COMPLEXITY fields. */
export function queryLimitsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation || isIntrospection(operation)) return;
          const fragments = new Map(
            (document as DocumentNode).definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((f) => [f.name.value, f]),
          );
          const depth = operationDepth(operation, fragments);
          if (depth > MAX_DEPTH) {
            throw new GraphQLError(
              `The query is nested ${depth} levels deep; at most ${MAX_DEPTH} are allowed. Split it into several queries.`,
              {
                extensions: { code: 'QUERY_TOO_DEEP', http: { status: 400 }, depth, maxDepth: MAX_DEPTH },
              },
            );
          }
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > MAX_COMPLEXITY) {
            throw new GraphQLError(
              `The query asks for ${complexity} fields; at most ${MAX_COMPLEXITY} are allowed. Ask for fewer fields or split the query.`,
              {
                extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, complexity, maxComplexity: MAX_COMPLEXITY },
              },
            );
          }
        },
      };
    },
  };
}
