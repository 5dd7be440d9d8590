import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import type { InjectionKey } from 'vue';

/** Everything keyed by a code is normalised by it; series and values live inside their parent. */
export function createClient(uri = '/graphql') {
  return new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache({
      typePolicies: {
        Region: { keyFields: ['code'] },
        Indicator: { keyFields: ['code'] },
        Category: { keyFields: ['code'] },
        Series: { keyFields: false },
        SeriesPoint: { keyFields: false },
        RegionValue: { keyFields: false },
        SourceDocument: { keyFields: false },
      },
    }),
  });
}

export type Client = ReturnType<typeof createClient>;
export const ClientKey: InjectionKey<Client> = Symbol('apollo-client');
