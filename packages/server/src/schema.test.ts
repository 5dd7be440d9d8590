import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printContract } from './lib/print-schema.js';
import { buildHexieSchema, schemaFile } from './schema.js';

describe('the committed contract', () => {
  it('is what the resolvers define (run `pnpm schema:emit` when this fails)', async () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printContract(await buildHexieSchema()));
  });

  it('holds the core of PRODUCT.md', () => {
    const sdl = readFileSync(schemaFile, 'utf8');
    for (const field of [
      'series(from: String!, grain: Grain!, indicator: String!, region: String!, to: String!): Series!',
      'breakdown(from: String!, indicator: String!, region: String!, to: String!): [RegionValue!]!',
      'regions(level: RegionLevel, parent: String): [Region!]!',
      'indicators(category: String): [Indicator!]!',
    ])
      expect(sdl).toContain(field);
  });
});
