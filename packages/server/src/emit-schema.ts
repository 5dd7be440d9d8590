import { readFileSync } from 'node:fs';
import { printContract } from './lib/print-schema.js';
import { buildHexieSchema, schemaFile } from './schema.js';

/**
 * Writes packages/schema/schema.graphql from the resolvers (no database needed).
 * With --check, fails instead when the committed file differs from what the code defines.
 */
const check = process.argv.includes('--check');
const schema = await buildHexieSchema();
const text = printContract(schema);
if (check) {
  const committed = readFileSync(schemaFile, 'utf8');
  if (committed !== text) {
    console.error('packages/schema/schema.graphql is out of date: run `pnpm schema:emit` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql matches the resolvers.');
} else {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(schemaFile, text);
  console.log(`Wrote ${schemaFile}`);
}
