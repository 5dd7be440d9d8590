import { formatQuality, measureQuality, meetsGoals } from './modules/extract/extract.quality.js';

/**
 * Prints how well the extractor finds the figures of the seed documents (data/seeds/) listed in
 * data/seed-facts.csv; exits 1 when a goal is missed. `pnpm --filter @hexie/server extract:quality`
 */
const quality = await measureQuality();
console.log(formatQuality(quality));
if (!meetsGoals(quality.total)) {
  console.error('\nA quality goal is missed.');
  process.exit(1);
}
