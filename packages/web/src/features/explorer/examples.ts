/** Example queries for the dashboard's questions: the explorer opens with these as tabs. */
export const EXAMPLES: { query: string; variables?: string }[] = [
  {
    query: `# 四川省 2024 年每月发布岗位数，同比变化
# Jobs posted in Sichuan per month of 2024, with the year-on-year change
query JobsPostedSichuan2024 {
  series(indicator: "jobs_posted", region: "510000", from: "2024-01", to: "2024-12", grain: MONTH) {
    indicator { name unit }
    region { name }
    total
    totalYoy
    points { period value previous yoy }
  }
}
`,
  },
  {
    query: `# 各省 2024 年劳动人事争议调解成功数排名
# Mediation cases succeeded in 2024, one value per province (the ranking and the map)
query MediationByProvince($from: String!, $to: String!) {
  breakdown(indicator: "mediation_cases_succeeded", region: "100000", from: $from, to: $to) {
    region { code name }
    value
  }
}
`,
    variables: '{\n  "from": "2024-01",\n  "to": "2024-12"\n}',
  },
  {
    query: `# 指标目录：名称、单位、汇总规则
# The indicator catalog: names, units, how each one aggregates
query Catalog {
  categories {
    name
    indicators { code name unit cadence rule }
  }
}
`,
  },
  {
    query: `# 公开发布的数字与平台汇总的核对
# Published figures and whether the hub's aggregate reconciles with them
query PublishedFigures {
  publishedFigures(region: "510000") {
    indicator { name }
    periodStart
    periodEnd
    value
    hubValue
    reconciled
  }
}
`,
  },
];
