import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import type { InjectionKey } from 'vue';

export interface ClientOptions {
  /** called when the server answers UNAUTHENTICATED (no session, or it expired or was revoked) */
  onUnauthenticated?: () => void;
}

/** Everything keyed by a code is normalised by it; series and values live inside their parent. */
export function createClient(uri = '/graphql', options: ClientOptions = {}) {
  // The session is an HttpOnly cookie set by `login`: same-origin requests carry it, no token handling.
  const http = new HttpLink({ uri, credentials: 'same-origin' });
  const expired = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      options.onUnauthenticated?.();
    }
  });
  return new ApolloClient({
    link: ApolloLink.from([expired, http]),
    cache: new InMemoryCache({
      typePolicies: {
        Region: { keyFields: ['code'] },
        Indicator: { keyFields: ['code'] },
        Category: { keyFields: ['code'] },
        Series: { keyFields: false },
        SeriesPoint: { keyFields: false },
        RegionValue: { keyFields: false },
        SourceDocument: { keyFields: false },
        User: { keyFields: ['id'] },
        // one report per region × period: a mutation's answer updates every view of it
        Report: { keyFields: ['period', 'region', ['code']] },
        ReportEntry: { keyFields: false },
        AuditEntry: { keyFields: ['id'] },
        ObservationValue: { keyFields: false },
      },
    }),
  });
}

export type Client = ReturnType<typeof createClient>;
export const ClientKey: InjectionKey<Client> = Symbol('apollo-client');
