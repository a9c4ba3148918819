import { inflateRawSync } from 'node:zlib';
import { DOMAIN_LABELS } from '@tdb/dictionary';
import { entryData, readZipDirectory } from '../../../common/files/zip-directory';
import { buildPreparationGrid, readPreparationGrid, type GridInput } from './index';
import { sheetNameFor } from './layout';
import {
  dictionary,
  OG,
  structure,
  ogInput,
  load,
  sheet,
  valueCell,
  item,
} from './preparation-grid.fixtures';

describe('preparation grid — a large OG', () => {
  /** Counts the pauses a build or a read takes. */
  function countingPause() {
    const pauses = { count: 0 };
    return {
      pauses,
      pause: async () => {
        pauses.count += 1;
      },
    };
  }

  const categories = ['EHPAD', 'ESAT', 'SESSAD'];
  const large: GridInput = {
    ...ogInput(),
    structures: Array.from({ length: 60 }, (_, i) =>
      structure({
        finess: String(750100000 + i),
        categoryCode: categories[i % categories.length]!,
        values: { personnes_gir_1: i },
      }),
    ),
  };

  it('gives the event loop back after every row it writes and reads, and reads back what it wrote', async () => {
    const writing = countingPause();
    const buffer = await buildPreparationGrid(large, writing);
    const itemRows = dictionary.items.length;
    // One pause per item row of every sheet and per structure of the "Lisez-moi" sheet at least.
    expect(writing.pauses.count).toBeGreaterThanOrEqual(large.structures.length + itemRows / 2);
    const reading = countingPause();
    const read = await readPreparationGrid(
      buffer,
      {
        dictionary,
        structures: large.structures.map((s) => ({ finess: s.finess, categoryCode: s.categoryCode })),
        organisation: { finess: OG },
      },
      reading,
    );
    expect(reading.pauses.count).toBeGreaterThanOrEqual(itemRows / 2);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    large.structures.forEach((s, i) =>
      expect(read.values[s.finess]?.personnes_gir_1 ?? null).toBe(s.categoryCode === 'EHPAD' ? i : null),
    );
  });

  it('validates each run of structures an item applies to with one range, and never a not-applicable cell', async () => {
    const buffer = await buildPreparationGrid(large);
    const workbook = await load(buffer);
    const prestations = sheet(workbook, sheetNameFor(DOMAIN_LABELS.PRESTATIONS));
    const gir = item('personnes_gir_1');
    // EHPAD only: every third structure, so every run is one structure long.
    large.structures.forEach((s) => {
      const cell = valueCell(prestations, gir.code, s.finess);
      if (s.categoryCode === 'EHPAD') expect(cell.dataValidation).toMatchObject({ type: 'whole' });
      else expect(cell.dataValidation).toBeUndefined();
    });
    // The file holds one validation per run; the reader spreads each over the cells it covers.
    let covered = 0;
    for (const worksheet of workbook.worksheets) {
      covered += Object.keys(
        (worksheet as unknown as { dataValidations: { model: object } }).dataValidations.model,
      ).length;
    }
    const directory = readZipDirectory(buffer);
    if (!directory.ok) throw new Error(directory.message);
    const written = directory.entries
      .filter((entry) => /^\/?xl\/worksheets\/sheet\d+\.xml$/.test(entry.name))
      .reduce((sum, entry) => {
        const xml = inflateRawSync(entryData(buffer, entry)!).toString('utf8');
        return sum + (xml.match(/<dataValidation /g)?.length ?? 0);
      }, 0);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(covered / 2);
  });
});
