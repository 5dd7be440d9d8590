// Who is reviewing: only ANALYST and ADMIN users may read, extract and accept figures (the server
// decides; this only chooses what the page shows). Asked of the network each time the page opens,
// so a sign-in or sign-out elsewhere is seen.
import { inject, onMounted, shallowRef } from 'vue';
import { graphql } from '@/gql';
import type { ReviewerQuery } from '@/gql/graphql';
import { ClientKey } from '@/graphql/client';
import { errorMessage } from '@/graphql/use-query';

const ReviewerDoc = graphql(`
  query Reviewer {
    me {
      id
      email
      name
      role
      region {
        code
        name
        nameEn
      }
    }
  }
`);

export const REVIEW_ROLES = ['ANALYST', 'ADMIN'] as const;

export function useReviewer() {
  const client = inject(ClientKey)!;
  const me = shallowRef<ReviewerQuery['me']>(null);
  const loading = shallowRef(true);
  const error = shallowRef<string>();
  onMounted(async () => {
    try {
      const { data } = await client.query({ query: ReviewerDoc, fetchPolicy: 'network-only' });
      me.value = data?.me ?? null;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  });
  return { me, loading, error };
}
