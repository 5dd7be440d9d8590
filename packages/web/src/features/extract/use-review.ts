// The review's state — source, text, candidate rows, what was stored — shared by the page and its
// components through provide/inject, and the three calls behind it: readDocument, extractFigures,
// acceptFigures (all for signed-in ANALYST/ADMIN users).
import { inject, nextTick, provide, reactive, type InjectionKey } from 'vue';
import type { ApolloClient } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { graphql } from '@/gql';
import type { AcceptFiguresMutation } from '@/gql/graphql';
import { errorMessage } from '@/graphql/use-query';
import { ClientKey } from '@/graphql/client';
import {
  bytesToBase64,
  checkRows,
  inScope,
  readyToAccept,
  rowsFrom,
  textToBase64,
  toFigureInput,
  type Problem,
  type ReviewRow,
} from './review-rows';

export const ReviewCandidateFragment = graphql(`
  fragment ReviewCandidate on FigureCandidate {
    quote
    quoteStart
    quoteEnd
    start
    end
    value
    unit
    unitText
    qualifier
    kind
    scope
    score
    indicator {
      code
      name
      nameEn
      unit
    }
    alternatives {
      code
      score
    }
    region {
      ...ReviewRegion
    }
    regionNote
    periodStart
    periodEnd
    periodNote
    derivedFrom
  }
`);

export const ReviewRegionFragment = graphql(`
  fragment ReviewRegion on Region {
    code
    name
    nameEn
    ancestors {
      code
    }
  }
`);

const ReadDocumentQuery = graphql(`
  query ReadDocument($input: ReadDocumentInput!) {
    readDocument(input: $input) {
      text
      title
      publisher
      date
      url
    }
  }
`);

const ExtractQuery = graphql(`
  query ExtractFigures($input: ExtractInput!) {
    extractFigures(input: $input) {
      ...ReviewCandidate
    }
  }
`);

const RegionLookupQuery = graphql(`
  query ReviewRegionLookup($code: String!) {
    region(code: $code) {
      ...ReviewRegion
    }
  }
`);

const AcceptMutation = graphql(`
  mutation AcceptFigures($input: AcceptFiguresInput!) {
    acceptFigures(input: $input) {
      source {
        title
        date
        sha256
      }
      publishedFigures {
        id
        indicator {
          code
          name
          nameEn
        }
        region {
          code
          name
          nameEn
        }
        periodStart
        periodEnd
        value
        unit
        qualifier
        scope
        quote
        hubValue
        reconciled
      }
      targets {
        id
        indicator {
          code
          name
          nameEn
        }
        region {
          code
          name
          nameEn
        }
        periodStart
        periodEnd
        value
        unit
        quote
        achieved
        progress
      }
    }
  }
`);

export interface Source {
  title: string;
  publisher: string;
  date: string;
  url: string;
  /** name of the file the text was read from, if any */
  file: string;
}

export type Stored = AcceptFiguresMutation['acceptFigures'];
export interface RegionInfo {
  code: string;
  name: string;
  nameEn: string | null;
  ancestors: { code: string }[];
}

const emptySource = (): Source => ({ title: '', publisher: '', date: '', url: '', file: '' });

export function createReview(client: ApolloClient) {
  const state = reactive({
    phase: 'input' as 'input' | 'review',
    text: '',
    source: emptySource(),
    rows: [] as ReviewRow[],
    /** the row whose highlight / table row is pointed at */
    active: null as number | null,
    busy: null as null | 'read' | 'extract' | 'save',
    /** a message for the whole page (a file that cannot be read, a refused request) */
    error: null as string | null,
    /** problems of the source document (index null in extensions.problems) */
    sourceProblems: [] as Problem[],
    /** what each save stored, newest first */
    stored: [] as Stored[],
    /** region codes typed by the reviewer → what the hub knows (null: unknown code) */
    regions: {} as Record<string, RegionInfo | null>,
  });

  /** Fills the source fields the reviewer left empty with what was recognised. */
  function fillSource(found: { title?: string | null; publisher?: string | null; date?: string | null; url?: string | null }) {
    for (const key of ['title', 'publisher', 'date', 'url'] as const) {
      const value = found[key];
      if (value && !state.source[key].trim()) state.source[key] = value;
    }
  }

  async function read(fileName: string, contentBase64: string) {
    const { data } = await client.query({
      query: ReadDocumentQuery,
      variables: { input: { fileName, contentBase64 } },
      fetchPolicy: 'no-cache',
    });
    if (!data) throw new Error('readDocument returned nothing');
    return data.readDocument;
  }

  async function run(kind: 'read' | 'extract' | 'save', work: () => Promise<void>) {
    state.busy = kind;
    state.error = null;
    try {
      await work();
    } catch (e) {
      state.error = errorMessage(e);
    } finally {
      state.busy = null;
    }
  }

  /** A chosen or dropped file: its text replaces the pasted one, its details fill empty fields. */
  const readFile = (file: File) =>
    run('read', async () => {
      const doc = await read(file.name, bytesToBase64(new Uint8Array(await file.arrayBuffer())));
      state.text = doc.text;
      state.source = { ...emptySource(), file: file.name };
      fillSource(doc);
    });

  /** Proposes the figures of the text; pasted text is read as a .txt first to recognise its details. */
  const extract = () =>
    run('extract', async () => {
      const s = state.source;
      if (state.text.trim() && (!s.title.trim() || !s.date.trim() || !s.publisher.trim())) {
        const doc = await read(s.file || 'pasted.txt', textToBase64(state.text));
        if (!s.file) state.text = doc.text;
        fillSource(doc);
      }
      const blank = (v: string) => v.trim() || null;
      const { data } = await client.query({
        query: ExtractQuery,
        variables: {
          input: { text: state.text, title: blank(s.title), publisher: blank(s.publisher), date: blank(s.date), url: blank(s.url) },
        },
        fetchPolicy: 'no-cache',
      });
      if (!data) throw new Error('extractFigures returned nothing');
      state.rows = rowsFrom(data.extractFigures);
      for (const c of data.extractFigures) if (c.region) state.regions[c.region.code] = c.region;
      state.active = null;
      state.stored = [];
      state.sourceProblems = [];
      state.phase = 'review';
    });

  /** Back to the text (the candidates belong to the text they were found in). */
  function editText() {
    state.phase = 'input';
    state.rows = [];
    state.active = null;
    state.sourceProblems = [];
  }

  function reset() {
    editText();
    state.text = '';
    state.source = emptySource();
    state.stored = [];
    state.error = null;
  }

  /** What the hub knows of a region code (looked up once). */
  async function lookupRegion(code: string) {
    if (!/^\d{6}$/.test(code) || code in state.regions) return;
    try {
      const { data } = await client.query({ query: RegionLookupQuery, variables: { code } });
      state.regions[code] = data?.region ?? null;
    } catch {
      // left unknown; acceptFigures will say what is wrong with the code
    }
  }

  function acceptAllMatched(scope: string | undefined) {
    for (const row of state.rows) if (row.status === 'pending' && readyToAccept(row, state.regions, scope)) row.status = 'accepted';
  }

  /**
   * Stores the accepted rows; every problem is shown beside its row, and nothing is stored then.
   * `scope` is the reviewer's region: a figure outside it is refused by the server as a whole
   * (FORBIDDEN, without a row), so the page says so beside the row first.
   */
  const save = (scope: string | undefined) =>
    run('save', async () => {
      const rows = state.rows.filter((r) => r.status === 'accepted');
      for (const row of state.rows) row.problems = [];
      state.sourceProblems = [];
      const local = checkRows(rows, state.source);
      rows.forEach((r, index) => {
        const region = state.regions[r.region];
        if (region && scope && !inScope(region, scope)) local.push({ index, field: 'region', message: 'outside', code: 'outside' });
      });
      if (local.length) return assignProblems(rows, local);
      const s = state.source;
      try {
        const { data } = await client.mutate({
          mutation: AcceptMutation,
          variables: {
            input: {
              source: {
                text: state.text,
                title: s.title.trim(),
                date: s.date.trim(),
                publisher: s.publisher.trim() || null,
                url: s.url.trim() || null,
                file: s.file || null,
              },
              figures: rows.map(toFigureInput),
            },
          },
        });
        if (!data) throw new Error('acceptFigures returned nothing');
        for (const row of rows) row.status = 'saved';
        state.stored.unshift(data.acceptFigures);
        // the indicator pages must show the new figures: drop what the cache holds of them
        client.cache.evict({ id: 'ROOT_QUERY', fieldName: 'publishedFigures' });
        client.cache.evict({ id: 'ROOT_QUERY', fieldName: 'targets' });
        client.cache.gc();
      } catch (e) {
        const problems = serverProblems(e);
        if (!problems) throw e;
        assignProblems(rows, problems);
      }
    });

  function assignProblems(sent: ReviewRow[], problems: Problem[]) {
    for (const p of problems) {
      if (p.index === null || p.index === undefined || !sent[p.index]) state.sourceProblems.push(p);
      else sent[p.index].problems.push(p);
    }
    const first = problems.find((p) => p.index !== null && sent[p.index]);
    if (!first) return;
    state.active = sent[first.index!].id;
    // bring the first row with a problem into view (below the sticky text)
    void nextTick(() => document.getElementById(`candidate-${state.active}`)?.scrollIntoView?.({ block: 'start', behavior: 'smooth' }));
  }

  return { state, readFile, extract, editText, reset, save, lookupRegion, acceptAllMatched };
}

/** `extensions.problems` of a BAD_USER_INPUT error, or null for any other error. */
export function serverProblems(error: unknown): Problem[] | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const problems = error.errors.flatMap((e) => (Array.isArray(e.extensions?.problems) ? (e.extensions.problems as Problem[]) : []));
  return problems.length ? problems : null;
}

export type Review = ReturnType<typeof createReview>;
const ReviewKey: InjectionKey<Review> = Symbol('review');

export function provideReview(client?: ApolloClient): Review {
  const c = client ?? inject(ClientKey);
  if (!c) throw new Error('provideReview: no Apollo client provided');
  const review = createReview(c);
  provide(ReviewKey, review);
  return review;
}

export function useReview(): Review {
  const review = inject(ReviewKey);
  if (!review) throw new Error('useReview: call provideReview() in the page first');
  return review;
}
