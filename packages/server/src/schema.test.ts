import { readFileSync } from 'node:fs';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printContract } from './lib/print-schema.js';
import { buildHexieSchema, schemaFile } from './schema.js';

describe('the committed contract', () => {
  it('is what the resolvers define (run `pnpm schema:emit` when this fails)', async () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printContract(await buildHexieSchema()));
  });

  it('holds the core of PRODUCT.md', async () => {
    const query = (await buildHexieSchema()).getQueryType()!.getFields();
    const signature = (name: string) => {
      const field = query[name];
      return `${name}(${[...field.args]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((a) => `${a.name}: ${a.type}`)
        .join(', ')}): ${field.type}`;
    };
    expect(['series', 'breakdown', 'regions', 'indicators'].map(signature)).toEqual([
      'series(from: String!, grain: Grain!, indicator: String!, region: String!, to: String!): Series!',
      'breakdown(from: String!, indicator: String!, region: String!, to: String!): [RegionValue!]!',
      'regions(level: RegionLevel, parent: String): [Region!]!',
      'indicators(category: String): [Indicator!]!',
    ]);
  });

  it('describes every type, field, argument and enum value (an analyst reads the schema, not the code)', async () => {
    expect(undescribed(await buildHexieSchema())).toEqual([]);
  });

  it('has no string-typed closed sets left without an enum beside them', async () => {
    const sdl = readFileSync(schemaFile, 'utf8');
    for (const field of [
      'rule: Aggregation!',
      'cadence: Frequency!',
      'precision: FigureQualifier!',
      'coverage: FigureScope!',
      'status: ReportStatus!',
      'role: Role!',
    ])
      expect(sdl).toContain(field);
    for (const old of ['aggregation', 'frequency', 'qualifier', 'scope'])
      for (const line of sdl.split('\n').filter((l) => new RegExp(`^  ${old}: String!`).test(l))) expect(line).toMatch(/@deprecated/);
  });
});

/** Every type, field, argument and enum value of the schema that has no description (built-in scalars aside). */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))) continue;
    if (!type.description?.trim()) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : [])
          if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}
