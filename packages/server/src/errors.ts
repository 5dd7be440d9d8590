import { GraphQLError } from 'graphql';

/** A client mistake: the message says what was wrong and what is allowed. */
export function badInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

/** One wrong value of a batch: which item (index or spreadsheet row), which field, and why. */
export interface Problem {
  index: number;
  field: string;
  message: string;
  /** The same in Chinese, for the dashboard's pages (data entry, import). */
  messageZh?: string;
}

/** Every problem of a batch in one error: nothing was changed. */
export function problemsError(problems: Problem[], code = 'BAD_USER_INPUT'): GraphQLError {
  const shown = problems
    .slice(0, 5)
    .map((p) => `#${p.index} ${p.field}: ${p.message}`)
    .join('; ');
  const more = problems.length > 5 ? `; and ${problems.length - 5} more (see extensions.problems)` : '';
  return new GraphQLError(`${problems.length} value(s) are wrong, nothing was saved: ${shown}${more}`, {
    extensions: { code, problems },
  });
}

/** A caller's text as an error message may quote it: short, control characters shown as "?". */
export const clip = (text: string, max = 40): string => (text.length > max ? `${text.slice(0, max)}…` : text).replace(/[\p{Cc}]/gu, '?');
