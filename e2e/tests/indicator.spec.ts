import { test, expect, exact } from './fixtures';

const FIGURES = `query ($region: String, $indicator: String) {
  publishedFigures(region: $region, indicator: $indicator) { id value hubValue reconciled quote source { title } }
}`;

test('indicator page: definition, and published figures beside the hub aggregate, reconciled or not', async ({ page, gql }) => {
  const { indicator } = await gql(`query { indicator(code: "jobs_posted") { name unit aggregation } }`);
  const { publishedFigures } = await gql(FIGURES, { region: '510000', indicator: 'jobs_posted' });
  expect(publishedFigures.length).toBeGreaterThan(0);

  // reached from the overview's trend card
  await page.goto('/?region=510000&category=employment_services&indicator=jobs_posted');
  await page.getByTestId('indicator-link').click();
  await expect(page).toHaveURL(/\/indicator\/jobs_posted\?.*region=510000/);
  await expect(page.getByTestId('indicator-name')).toHaveText(indicator.name);
  await expect(page.getByTestId('unit')).toHaveText(indicator.unit);
  await expect(page.getByTestId('aggregation')).toContainText('求和');

  const rows = page.getByTestId('figure-row');
  await expect(rows).toHaveCount(publishedFigures.length);
  for (const f of publishedFigures) {
    const row = page.locator(`[data-testid=figure-row][data-id="${f.id}"]`);
    await expect(row).toHaveAttribute('data-reconciled', String(f.reconciled));
    await expect(row.getByTestId('figure-value')).toContainText(exact(f.value));
    await expect(row.getByTestId('figure-hub')).toContainText(f.hubValue === null ? '—' : exact(f.hubValue));
    await expect(row.getByTestId('figure-status')).toContainText(f.reconciled ? '✓' : '✗');
    await expect(row).toContainText(f.quote);
    await expect(row).toContainText(f.source.title);
  }
});

test('a region finer than the reporting level is explained, and API errors show the server message', async ({ page, gql, gqlRaw }) => {
  const { indicator } = await gql(`query { indicator(code: "skill_competition_events") { reportingLevel frequency latestPeriod } }`);
  expect(indicator.reportingLevel).toBe('PROVINCE');
  const year = indicator.latestPeriod.slice(0, 4);
  const { series } = await gql(
    `query ($y: String!) { series(indicator: "skill_competition_events", region: "510100", from: $y, to: $y, grain: YEAR) { total note } }`,
    { y: year },
  );
  expect(series.total).toBeNull();
  await page.goto(`/?region=510100&category=skills_training&period=${year}`);
  const card = page.locator('[data-testid=kpi-card][data-indicator="skill_competition_events"]');
  await expect(card.getByTestId('kpi-note')).toHaveText(series.note);

  // an API error: the page shows the server's own message
  const unknown = await gqlRaw(`query { publishedFigures(indicator: "no_such_indicator") { id } }`);
  expect(unknown.errors?.[0].message).toContain('no_such_indicator');
  await page.goto('/indicator/no_such_indicator');
  await expect(page.getByRole('alert').first()).toContainText(unknown.errors![0].message);
});
