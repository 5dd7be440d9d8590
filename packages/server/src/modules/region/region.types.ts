import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { REGION_LEVELS, type RegionLevel } from './region.entity.js';

export const RegionLevelEnum = Object.fromEntries(REGION_LEVELS.map((l) => [l, l])) as { [K in RegionLevel]: K };
registerEnumType(RegionLevelEnum, {
  name: 'RegionLevel',
  description: 'Administrative level of a GB/T 2260 region, from the nation down to counties.',
  valuesConfig: {
    NATION: { description: 'The nation (100000): the 31 provinces of the mainland.' },
    PROVINCE: { description: 'Province, autonomous region or municipality (省级), code ending in 0000.' },
    CITY: { description: 'Prefecture-level division (地级: city, autonomous prefecture, league), code ending in 00.' },
    COUNTY: { description: 'County-level division (县级: district, county-level city, county, banner).' },
  },
});

@ObjectType('Region', { description: 'A GB/T 2260 administrative region (nation 100000, provinces, cities, counties).' })
export class RegionNode {
  @Field(() => String, { description: 'Six-digit GB/T 2260 code, e.g. 510000 (四川省).' })
  code!: string;

  @Field(() => String, { description: 'Chinese name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name (provinces and the nation).' })
  nameEn!: string | null;

  @Field(() => RegionLevelEnum, { description: 'Its administrative level.' })
  level!: RegionLevel;

  parentCode!: string | null;
}
