import { GraphQLError } from 'graphql';
import type { FieldContext } from './cost.js';

/** The longest string argument accepted (codes and periods are far shorter). */
export const MAX_STRING_ARGUMENT = 100;

/** How much of a caller's text an error message quotes back. */
export const MAX_ECHO = 40;

/** `text` quoted for an error message, cut to MAX_ECHO characters. */
export function echo(text: string): string {
  return (
    JSON.stringify(text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text) +
    (text.length > MAX_ECHO ? ` (${text.length} characters)` : '')
  );
}

// C0 and C1 control characters (tabs and newlines included: no argument has a use for them)
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Arguments (input fields included) that carry prose rather than codes, by name, with their longest
 * accepted length: they may hold spaces at their ends, newlines and tabs, and their services check the
 * rest (a note of at most 500 characters, a password of at least 10).
 */
export const FREE_TEXT: Readonly<Record<string, number>> = {
  text: 200_000,
  contentBase64: 250_000,
  quote: 2_000,
  note: 500,
  reason: 1_000,
  title: 300,
  publisher: 300,
  url: 2_000,
  file: 255,
  fileName: 255,
  name: 128,
  email: 254,
  password: 256,
  // a saved explorer query (saveQuery): the GraphQL document and its variables as JSON
  query: 100_000,
  variables: 100_000,
};

// control characters prose may not hold: newlines, carriage returns and tabs are prose
// eslint-disable-next-line no-control-regex
const PROSE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

function checkProse(value: string, where: string, max: number): void {
  if (value.length > max) throw refuse(`${where} is ${value.length} characters long; at most ${max} are allowed.`);
  const control = PROSE_CONTROL.exec(value);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw refuse(`${where} contains the control character U+${code} at position ${control.index}.`);
  }
}

function checkString(value: string, where: string, name: string): void {
  if (Object.hasOwn(FREE_TEXT, name)) return checkProse(value, where, FREE_TEXT[name]);
  if (value.length > MAX_STRING_ARGUMENT) {
    throw refuse(`${where} is ${value.length} characters long; at most ${MAX_STRING_ARGUMENT} are allowed.`);
  }
  const control = CONTROL.exec(value);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw refuse(`${where} contains the control character U+${code} at position ${control.index}; codes and periods are plain text.`);
  }
  if (value === '') throw refuse(`${where} is an empty string: give a value, or leave the argument out where it is optional.`);
  if (value.trim() !== value) throw refuse(`${where} (${echo(value)}) begins or ends with whitespace; send it without.`);
}

function checkValue(value: unknown, where: string, name: string): void {
  if (typeof value === 'string') checkString(value, where, name);
  else if (Array.isArray(value)) value.forEach((v, i) => checkValue(v, `${where}[${i}]`, name));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkValue(v, `${where}.${k}`, k);
}

/**
 * Refuses string arguments no field has a use for, before any resolver runs (and so before SQL):
 * codes and periods over-long, with control characters (NUL included), empty (an empty filter is
 * not "no filter"), or with whitespace around them (`" 2024-01 "` is refused, as everywhere); prose
 * (FREE_TEXT) over its length or with control characters other than newlines and tabs.
 */
export function checkArguments(field: FieldContext): void {
  for (const [name, value] of Object.entries(field.args)) checkValue(value, `Argument "${name}" of ${field.key}`, name);
}
