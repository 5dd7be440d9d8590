import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

const HEADER = `# Hexie GraphQL contract — generated from packages/server/src/schema.ts by \`pnpm schema:emit\`.
# DO NOT EDIT: change the resolvers and regenerate; \`pnpm check\` fails when this file drifts.

`;

/** The committed form of the schema: sorted SDL with a do-not-edit header. */
export function printContract(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
