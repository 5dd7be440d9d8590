import { GraphQLError } from 'graphql';

/** A client mistake: the message says what was wrong and what is allowed. */
export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
