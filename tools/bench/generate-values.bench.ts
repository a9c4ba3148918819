/**
 * npm run bench:values
 * Fills the data of every ESMS of the synthetic national campaign (≈22,500 structures, 2 years) from
 * the 2026 dictionary and prints structures per second, total time and peak memory.
 */
import { getDictionary } from '@tdb/dictionary';
import { generateExtract } from '../generate-finess/generator';
import { generateCampaignValues } from '../generate-values/generator';
import { mb, trackPeakMemory } from './bench-database';

function main(): void {
  const extract = generateExtract({ seed: 42, fileDate: '2026-01-15' });
  const structures = extract.structures
    .filter((s) => s.categoryCode !== null)
    .map((s) => ({ finess: s.finess, categoryCode: s.categoryCode!, capacity: s.capacity }));
  const dictionary = getDictionary(2026);
  const memory = trackPeakMemory();
  const started = performance.now();
  const lastYear = generateCampaignValues(41, structures, dictionary, 2024);
  const firstYear = performance.now();
  const previous = new Map([...lastYear].map(([finess, generated]) => [finess, generated.values]));
  const thisYear = generateCampaignValues(42, structures, dictionary, 2025, previous);
  const seconds = (performance.now() - started) / 1000;
  const withErrors = [...thisYear.values()].filter((v) => v.plantedErrors.length > 0).length;
  console.log(
    [
      '',
      `Submission values benchmark — ${structures.length} ESMS × 2 campaigns, ${dictionary.items.length} dictionary items`,
      `year N-1: ${((firstYear - started) / 1000).toFixed(1)} s; year N (anchored on N-1): ${((performance.now() - firstYear) / 1000).toFixed(1)} s`,
      `total ${seconds.toFixed(1)} s — ${Math.round((2 * structures.length) / seconds).toLocaleString('en')} structures/s, peak RSS ${mb(memory.stop())}`,
      `structures with at least one planted error in year N: ${withErrors} (${((100 * withErrors) / structures.length).toFixed(1)} %)`,
      '',
    ].join('\n'),
  );
}

main();
