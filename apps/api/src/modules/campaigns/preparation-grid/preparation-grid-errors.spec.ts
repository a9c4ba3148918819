import ExcelJS from 'exceljs';
import { type Dictionary, type Item } from '@tdb/dictionary';
import { buildPreparationGrid, readPreparationGrid } from './index';
import {
  dictionary,
  EHPAD,
  ESAT,
  SESSAD,
  OG,
  structure,
  ogInput,
  ogExpectation,
  load,
  save,
  sheet,
  valueCell,
} from './preparation-grid.fixtures';

describe('preparation grid — structural errors', () => {
  it('returns one French error for a file that is not an xlsx', async () => {
    const result = await readPreparationGrid(Buffer.from('FINESS;Nom\n123;abc\n'), ogExpectation());
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          sheet: '',
          cell: '',
          finess: null,
          itemCode: null,
          message: 'Le fichier n’est pas un classeur Excel (.xlsx) lisible.',
        },
      ],
    });
  });

  it('refuses a workbook without any grid sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Feuil1').getCell('A1').value = 'FINESS';
    const result = await readPreparationGrid(await save(workbook), ogExpectation());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([
      'Ce classeur n’est pas une grille de préparation à la collecte : aucune feuille reconnue. Téléchargez la grille depuis la plateforme.',
    ]);
  });

  it('accepts a missing domain sheet', async () => {
    const workbook = await load(await buildPreparationGrid(ogInput()));
    workbook.removeWorksheet(sheet(workbook, 'Finances et budget').id);
    const result = await readPreparationGrid(await save(workbook), ogExpectation());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.values[EHPAD]).not.toHaveProperty('sources_financement');
    expect(result.values[EHPAD]).toHaveProperty('personnes_gir_1', 12);
  });

  it('reports unknown item codes, unexpected structures and a malformed FINESS column', async () => {
    const workbook = await load(await buildPreparationGrid(ogInput()));
    const rh = sheet(workbook, 'Ressources humaines');
    const codeCell = rh.getCell(valueCell(rh, 'cdd_remplacement', EHPAD).row, 1);
    codeCell.value = 'code_inexistant';
    const caracterisation = sheet(workbook, 'Caractérisation');
    caracterisation.getCell('I1').value = 'VALEUR|12345';

    const result = await readPreparationGrid(await save(workbook), {
      dictionary,
      structures: [
        { finess: EHPAD, categoryCode: 'EHPAD' },
        { finess: SESSAD, categoryCode: 'SESSAD' },
      ],
    });
    if (result.ok) throw new Error('expected errors');
    const messages = result.errors.map((e) => e.message);
    expect(messages).toContain(
      'Feuille « Caractérisation », cellule I1 : Colonne de valeurs au numéro FINESS non reconnu (« 12345 ») ; ne modifiez pas la ligne 1 masquée.',
    );
    expect(messages).toContain(
      `Feuille « Ressources humaines », cellule I1 : La structure FINESS ${ESAT} ne fait pas partie des structures attendues pour ce dépôt.`,
    );
    expect(messages).toContain(
      `Feuille « Ressources humaines », cellule ${codeCell.address} : Le code d’élément « code_inexistant » est inconnu du dictionnaire.`,
    );
    expect(messages).toContain(
      `Feuille « Organisme gestionnaire », cellule G1 : L’organisme gestionnaire FINESS ${OG} n’est pas celui attendu pour ce dépôt.`,
    );
    expect(result.errors.find((e) => e.cell === codeCell.address)).toMatchObject({
      itemCode: 'code_inexistant',
    });
  });

  it('refuses a grid from another campaign', async () => {
    const workbook = await load(await buildPreparationGrid({ ...ogInput(), organisation: undefined }));
    sheet(workbook, 'Caractérisation').getCell('A1').value = 'TDB-GRILLE|2025|CARACTERISATION';
    const result = await readPreparationGrid(await save(workbook), ogExpectation());
    expect(!result.ok && result.errors).toEqual([
      {
        sheet: 'Caractérisation',
        cell: 'A1',
        finess: null,
        itemCode: null,
        message:
          'Feuille « Caractérisation », cellule A1 : Cette feuille provient de la grille de la campagne 2025 ; téléchargez la grille de la campagne 2026.',
      },
    ]);
  });

  it('caps the list at 500 errors and says how many more', async () => {
    const items: Item[] = Array.from({ length: 200 }, (_, i) => ({
      code: `element_${i}`,
      label: `Élément ${i}`,
      domain: 'PRESTATIONS',
      type: 'integer',
      min: 0,
      categories: 'ALL',
      requiredIn: [],
      ogLevel: false,
    }));
    const small: Dictionary = { version: '2026.1', campaignYear: 2026, dataYear: 2025, items };
    const structures = [EHPAD, ESAT, SESSAD].map((finess) =>
      structure({ finess, values: Object.fromEntries(items.map((i) => [i.code, 'abc'])) }),
    );
    const buffer = await buildPreparationGrid({ dictionary: small, campaignYear: 2026, structures });
    const result = await readPreparationGrid(buffer, {
      dictionary: small,
      structures: structures.map((s) => ({ finess: s.finess, categoryCode: s.categoryCode })),
    });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toHaveLength(501);
    expect(result.errors[0]?.message).toBe(
      "Feuille « Prestations de soins et d'acco… », cellule G3 : La valeur doit être un nombre.",
    );
    expect(result.errors[500]?.message).toBe('… et 100 autres erreurs.');
  });
});

describe('preparation grid — percentages', () => {
  const percentage: Item = {
    code: 'taux_occupation',
    label: 'Taux d’occupation',
    domain: 'PRESTATIONS',
    type: 'percentage',
    categories: 'ALL',
    requiredIn: 'ALL',
    ogLevel: false,
  };
  const small: Dictionary = { version: '2026.1', campaignYear: 2026, dataYear: 2025, items: [percentage] };

  it('reads 0–100 numbers, and a value typed with "%" (stored by Excel as a fraction)', async () => {
    const grid = await buildPreparationGrid({
      dictionary: small,
      campaignYear: 2026,
      structures: [structure({ finess: EHPAD }), structure({ finess: ESAT })],
    });
    const workbook = await load(grid);
    const prestations = sheet(workbook, "Prestations de soins et d'acco…");
    expect(prestations.getCell('C3').value).toBe('%');
    valueCell(prestations, 'taux_occupation', EHPAD).value = 93.5;
    const typedWithPercent = valueCell(prestations, 'taux_occupation', ESAT);
    typedWithPercent.value = 0.875;
    // exceljs shares loaded style objects between cells: give this cell its own.
    typedWithPercent.style = { ...typedWithPercent.style, numFmt: '0.0%' };
    const expectation = {
      dictionary: small,
      structures: [
        { finess: EHPAD, categoryCode: 'EHPAD' },
        { finess: ESAT, categoryCode: 'EHPAD' },
      ],
    };
    const result = await readPreparationGrid(await save(workbook), expectation);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.values).toEqual({
      [EHPAD]: { taux_occupation: 93.5 },
      [ESAT]: { taux_occupation: 87.5 },
    });
  });
});
