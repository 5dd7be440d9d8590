import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { inject } from 'vue';
import { ClientKey, type Client } from './client';
import { errorMessage } from './use-query';

/** One wrong value of a BAD_USER_INPUT answer (`extensions.problems`): `index` is its position in the input list. */
export interface Problem {
  index?: number;
  field?: string;
  message: string;
}

/** A failed mutation in the server's words, with its code (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT…) and problems. */
export class MutationError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly problems: Problem[],
  ) {
    super(message);
  }
}

export function toMutationError(error: unknown): MutationError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const problems = error.errors.flatMap((e) => (Array.isArray(e.extensions?.problems) ? (e.extensions.problems as Problem[]) : []));
    return new MutationError(errorMessage(error), first?.extensions?.code as string | undefined, problems);
  }
  return new MutationError(errorMessage(error), undefined, []);
}

/** `mutate(document, variables)` → the data, or throws a MutationError. */
export function useMutate(client: Client | undefined = inject(ClientKey)) {
  if (!client) throw new Error('useMutate: no Apollo client provided');
  return async function mutate<TData, TVars extends OperationVariables>(
    document: TypedDocumentNode<TData, TVars>,
    variables: TVars,
  ): Promise<TData> {
    try {
      const result = await client.mutate<TData, TVars>({ mutation: document, variables } as never);
      if (result.data === undefined || result.data === null) throw new Error('no data in the answer');
      return result.data as TData;
    } catch (e) {
      throw toMutationError(e);
    }
  };
}
