import { describe, expect, it } from 'vitest';
import { ApolloClient, ApolloLink, InMemoryCache, gql } from '@apollo/client';
import { Observable } from 'rxjs';
import { effectScope, nextTick, ref } from 'vue';
import { useQuery } from './use-query';

const Query = gql`
  query Total($region: String!) {
    series(indicator: "jobs_posted", region: $region, from: "2024", to: "2024", grain: YEAR) {
      total
    }
  }
`;

/** A link that answers from a function of the variables and records every request. */
function clientAnswering(answer: (vars: Record<string, unknown>) => { data?: unknown; errors?: unknown[] }) {
  const calls: Record<string, unknown>[] = [];
  const link = new ApolloLink(
    (op) =>
      new Observable((sub) => {
        calls.push(op.variables);
        setTimeout(() => {
          sub.next(answer(op.variables) as never);
          sub.complete();
        }, 1);
      }),
  );
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), calls };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('useQuery', () => {
  it('loads, then follows reactive variables', async () => {
    const { client, calls } = clientAnswering((v) => ({
      data: { series: { __typename: 'Series', total: v.region === '510000' ? 10 : 20 } },
    }));
    const region = ref('510000');
    const scope = effectScope();
    const q = scope.run(() => useQuery(Query as never, () => ({ region: region.value }), { client }))!;
    expect(q.loading.value).toBe(true);
    await until(() => q.data.value !== undefined);
    expect((q.data.value as any).series.total).toBe(10);
    expect(q.loading.value).toBe(false);

    region.value = '100000';
    await nextTick();
    expect(q.data.value).toBeUndefined();
    await until(() => q.data.value !== undefined);
    expect((q.data.value as any).series.total).toBe(20);
    expect(calls.map((c) => c.region)).toEqual(['510000', '100000']);
    scope.stop();
  });

  it('does not query while variables are null', async () => {
    const { client, calls } = clientAnswering(() => ({ data: { series: { __typename: 'Series', total: 1 } } }));
    const ready = ref(false);
    const scope = effectScope();
    const q = scope.run(() => useQuery(Query as never, () => (ready.value ? { region: '1' } : null), { client }))!;
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(0);
    expect(q.loading.value).toBe(false);
    ready.value = true;
    await until(() => q.data.value !== undefined);
    expect(calls).toHaveLength(1);
    scope.stop();
  });

  it("surfaces the server's GraphQL error message", async () => {
    const message = 'Unknown region code "999999": use a six-digit GB/T 2260 code';
    const { client } = clientAnswering(() => ({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }], data: null }));
    const scope = effectScope();
    const q = scope.run(() => useQuery(Query as never, () => ({ region: '999999' }), { client }))!;
    await until(() => q.error.value !== undefined);
    expect(q.error.value).toBe(message);
    expect(q.data.value).toBeUndefined();
    expect(q.loading.value).toBe(false);
    scope.stop();
  });
});
