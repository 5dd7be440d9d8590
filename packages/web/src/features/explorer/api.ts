/** Same-origin GraphQL for the explorer's own panels (the session cookie goes along). */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw Object.assign(new Error(body.errors[0].message), { code: body.errors[0].extensions?.code });
  return body.data as T;
}

export interface SavedQuery {
  id: string;
  name: string;
  query: string;
  variables: string | null;
  shared: boolean;
  mine: boolean;
  ownerName: string;
  link: string;
}

const FIELDS = 'id name query variables shared mine ownerName link';

export const api = {
  me: () => gql<{ me: { name: string; role: string } | null }>('{ me { name role } }').then((d) => d.me),
  login: (email: string, password: string) =>
    gql('mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', { email, password }),
  list: () => gql<{ savedQueries: SavedQuery[] }>(`{ savedQueries { ${FIELDS} } }`).then((d) => d.savedQueries),
  get: (id: string) =>
    gql<{ savedQuery: SavedQuery }>(`query ($id: String!) { savedQuery(id: $id) { ${FIELDS} } }`, { id }).then((d) => d.savedQuery),
  save: (input: { id?: string; name: string; query: string; variables?: string | null; shared: boolean }) =>
    gql<{ saveQuery: SavedQuery }>(`mutation ($input: SavedQueryInput!) { saveQuery(input: $input) { ${FIELDS} } }`, { input }).then(
      (d) => d.saveQuery,
    ),
  remove: (id: string) => gql<{ deleteQuery: boolean }>('mutation ($id: String!) { deleteQuery(id: $id) }', { id }),
};
