// The GraphQL explorer (/explorer): GraphiQL bundled with its Monaco workers; nothing from another host.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './features/explorer/explorer.css';
import { GraphiQL } from 'graphiql';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './features/explorer/api';
import { EXAMPLES } from './features/explorer/examples';
import { savedQueriesPlugin } from './features/explorer/saved-queries-plugin';

/** GraphQL over same-origin fetch: the session cookie carries the signed-in user's permissions. */
const fetcher = async (params: unknown, options?: { headers?: Record<string, string> }) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  return response.json();
};

async function start() {
  const id = new URLSearchParams(location.search).get('saved');
  let initial: { query: string; variables?: string } | undefined;
  let notice = '';
  if (id) {
    try {
      const saved = await api.get(id);
      initial = { query: saved.query, variables: saved.variables ?? undefined };
    } catch (e) {
      notice = `# ${(e as Error).message.replace(/\n/g, ' ')}\n`;
    }
  }
  const root = document.getElementById('explorer')!;
  createRoot(root).render(
    h(GraphiQL, {
      fetcher: fetcher as never,
      plugins: [savedQueriesPlugin],
      defaultTabs: EXAMPLES,
      defaultEditorToolsVisibility: true,
      ...(initial ? { initialQuery: initial.query, initialVariables: initial.variables } : {}),
      ...(notice ? { initialQuery: notice } : {}),
    }),
  );
}

void start();
