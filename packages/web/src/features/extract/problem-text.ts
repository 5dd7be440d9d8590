import type { Problem } from './review-rows';

type T = (key: string, named?: Record<string, unknown>) => string;

/** A problem in the reader's words: the page's own checks are translated; the server's are quoted. */
export function problemText(t: T, p: Problem): string {
  const field = t(`extract.field.${p.field}`);
  return p.code ? t(`extract.problem.${p.code}`, { field }) : `${field}: ${p.message}`;
}
