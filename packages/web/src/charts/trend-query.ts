import { graphql } from '@/gql';

/** A series with year-on-year change: used by the trend chart and the indicator page's table. */
export const TrendQuery = graphql(`
  query Trend($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {
    series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) {
      grain
      from
      to
      total
      note
      region {
        code
        name
        nameEn
      }
      points {
        period
        value
        previous
        yoy
      }
    }
  }
`);
