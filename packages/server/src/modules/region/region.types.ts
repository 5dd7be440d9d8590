import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { REGION_LEVELS, type RegionLevel } from './region.entity.js';

export const RegionLevelEnum = Object.fromEntries(REGION_LEVELS.map((l) => [l, l])) as { [K in RegionLevel]: K };
registerEnumType(RegionLevelEnum, {
  name: 'RegionLevel',
  description: 'Administrative level of a GB/T 2260 region, from the nation down to counties.',
});

@ObjectType('Region', { description: 'A GB/T 2260 administrative region (nation 100000, provinces, cities, counties).' })
export class RegionNode {
  @Field(() => String, { description: 'Six-digit GB/T 2260 code, e.g. 510000 (四川省).' })
  code!: string;

  @Field(() => String, { description: 'Chinese name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name (provinces and the nation).' })
  nameEn!: string | null;

  @Field(() => RegionLevelEnum)
  level!: RegionLevel;

  parentCode!: string | null;
}
