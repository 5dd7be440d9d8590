// Typed documents with GraphQL Code Generator's client preset, run programmatically.
// (The codegen CLI pulls in network loaders we do not need; the preset + core are enough.)
// Usage: node codegen.ts          write src/gql/
//        node codegen.ts --check  fail if src/gql/ is out of date with the schema or documents
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, printSchema } from 'graphql';
import { codegen } from '@graphql-codegen/core';
import { preset } from '@graphql-codegen/client-preset';

const here = dirname(fileURLToPath(import.meta.url));
const schemaFile = process.env.HEXIE_SCHEMA ?? join(here, '../schema/schema.graphql');
const outDir = 'src/gql/';
const check = process.argv.includes('--check');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'gql' ? [] : walk(path);
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

// Documents are the template literals passed to graphql(`...`) beside the components using them.
const documents = walk(join(here, 'src')).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\bgraphql\(\s*`([^`]*)`/g)].map((m) => ({
    location: relative(here, file),
    rawSDL: m[1],
    document: parse(m[1]),
  }));
});

const schemaAst = buildSchema(readFileSync(schemaFile, 'utf8'));
const sections = await preset.buildGeneratesSection({
  baseOutputDir: outDir,
  schema: parse(printSchema(schemaAst)),
  schemaAst,
  documents,
  plugins: [],
  pluginMap: {},
  config: { useTypeImports: true, enumsAsTypes: true, avoidOptionals: false, scalars: { DateTimeISO: 'string' } },
  presetConfig: { fragmentMasking: false },
  documentTransforms: [],
} as never);

let stale = 0;
for (const section of sections) {
  const output = await codegen({ ...section, documentTransforms: section.documentTransforms ?? [] } as never);
  const file = join(here, section.filename);
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== output) {
      console.error(`out of date: ${section.filename}`);
      stale++;
    }
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, output);
    console.log(`wrote ${section.filename}`);
  }
}
if (stale) {
  console.error('run `pnpm --filter @hexie/web codegen`');
  process.exit(1);
}
