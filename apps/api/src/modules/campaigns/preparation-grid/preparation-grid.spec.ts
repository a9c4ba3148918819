import { type Dictionary, type Item } from '@tdb/dictionary';
import { buildPreparationGrid, readPreparationGrid, type GridInput } from './index';
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
  item,
  structureItemCount,
} from './preparation-grid.fixtures';

describe('preparation grid — single structure round trip', () => {
  const input: GridInput = {
    dictionary,
    campaignYear: 2026,
    structures: [
      structure({
        finess: EHPAD,
        name: 'EHPAD Les Lilas',
        values: {
          lits_places_autorises_permanent: 80,
          lits_places_autorises_temporaire: 4,
          convention_tripartite: true,
          date_ouverture: '1998-09-01',
          autorisation_specifique_alzheimer: 'pasa',
          type_reseau_sante: 'Réseau gérontologique',
          regime_evaluation: 'droit_commun',
        },
        previousValues: { lits_places_autorises_permanent: 75, convention_tripartite: false },
      }),
    ],
  };
  const expected = { dictionary, structures: [{ finess: EHPAD, categoryCode: 'EHPAD' }] };

  it('reads back untouched pre-filled values unchanged and empty cells as null', async () => {
    const result = await readPreparationGrid(await buildPreparationGrid(input), expected);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const values = result.values[EHPAD] ?? {};
    expect(values).toMatchObject({
      lits_places_autorises_permanent: 80,
      lits_places_autorises_temporaire: 4,
      convention_tripartite: true,
      date_ouverture: '1998-09-01',
      autorisation_specifique_alzheimer: 'pasa',
      type_reseau_sante: 'Réseau gérontologique',
      regime_evaluation: 'droit_commun',
      criteres_admission_formalises: null,
    });
    expect(Object.keys(values)).toHaveLength(structureItemCount('EHPAD'));
    expect(result.organisationValues).toEqual({});
  });

  it('normalises what a person types: numbers, French decimals, labels, Oui/Non, dates', async () => {
    const workbook = await load(await buildPreparationGrid(input));
    const caracterisation = sheet(workbook, 'Caractérisation');
    const rh = sheet(workbook, 'Ressources humaines');
    const finances = sheet(workbook, 'Finances et budget');
    valueCell(caracterisation, 'lits_places_installes_permanent', EHPAD).value = 78;
    valueCell(caracterisation, 'superficie_locaux', EHPAD).value = '1 234,5';
    valueCell(caracterisation, 'charte_droits_libertes', EHPAD).value = 'Oui';
    valueCell(caracterisation, 'liste_personnes_qualifiees', EHPAD).value = 'non';
    valueCell(caracterisation, 'date_autorisation_activite_principale', EHPAD).value = new Date(
      Date.UTC(2001, 2, 15),
    );
    valueCell(caracterisation, 'convention_tripartite_date_signature', EHPAD).value = '05/07/2019';
    valueCell(caracterisation, 'nature_missions_appui_ressource', EHPAD).value = '  Appui aux aidants ';
    valueCell(caracterisation, 'regime_evaluation', EHPAD).value = 'Non soumis';
    valueCell(caracterisation, 'lits_places_autorises_temporaire', EHPAD).value = null;
    valueCell(caracterisation, 'criteres_admission_formalises', EHPAD).value = '—';
    valueCell(rh, 'cdd_remplacement', EHPAD).value = '12';
    valueCell(rh, 'etp_reels_direction', EHPAD).value = 2.5;
    valueCell(rh, 'diplome_directeur', EHPAD).value = 'CAFDES';
    valueCell(finances, 'sources_financement', EHPAD).value = 'Conseil départemental';
    valueCell(finances, 'compte_6111', EHPAD).value = '12 345,67';

    const result = await readPreparationGrid(await save(workbook), expected);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.values[EHPAD]).toMatchObject({
      lits_places_autorises_permanent: 80,
      lits_places_installes_permanent: 78,
      superficie_locaux: 1234.5,
      charte_droits_libertes: true,
      liste_personnes_qualifiees: false,
      date_autorisation_activite_principale: '2001-03-15',
      convention_tripartite_date_signature: '2019-07-05',
      nature_missions_appui_ressource: 'Appui aux aidants',
      regime_evaluation: 'non_soumis',
      lits_places_autorises_temporaire: null,
      criteres_admission_formalises: null,
      cdd_remplacement: 12,
      etp_reels_direction: 2.5,
      diplome_directeur: 'cafdes',
      sources_financement: 'departement',
      compte_6111: 12345.67,
    });
  });

  it('reports a bad cell with its exact sheet name and reference', async () => {
    const workbook = await load(await buildPreparationGrid(input));
    const cell = valueCell(sheet(workbook, 'Ressources humaines'), 'cdd_remplacement', EHPAD);
    cell.value = 12.5;
    expect(cell.address).toMatch(/^G\d+$/);

    const result = await readPreparationGrid(await save(workbook), expected);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          sheet: 'Ressources humaines',
          cell: cell.address,
          finess: EHPAD,
          itemCode: 'cdd_remplacement',
          message: `Feuille « Ressources humaines », cellule ${cell.address} : La valeur doit être un nombre entier.`,
        },
      ],
    });
  });

  it('reports every error at once, in sheet then row order', async () => {
    const workbook = await load(await buildPreparationGrid(input));
    const caracterisation = sheet(workbook, 'Caractérisation');
    const first = valueCell(caracterisation, 'lits_places_installes_permanent', EHPAD);
    const second = valueCell(caracterisation, 'charte_droits_libertes', EHPAD);
    const third = valueCell(sheet(workbook, 'Finances et budget'), 'sources_financement', EHPAD);
    first.value = -3;
    second.value = 'peut-être';
    third.value = 'Mécénat';

    const result = await readPreparationGrid(await save(workbook), expected);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => e.message)).toEqual([
      `Feuille « Caractérisation », cellule ${first.address} : La valeur doit être supérieure ou égale à 0.`,
      `Feuille « Caractérisation », cellule ${second.address} : La valeur doit être oui ou non.`,
      `Feuille « Finances et budget », cellule ${third.address} : La valeur doit être l'un des choix proposés : « Assurance maladie », « Conseil départemental », « Financement conjoint Assurance maladie / Département », « État », « Autre ».`,
    ]);
  });

  it('reads exceljs value shapes: formula results, rich text, hyperlinks, Excel errors', async () => {
    const workbook = await load(await buildPreparationGrid(input));
    const caracterisation = sheet(workbook, 'Caractérisation');
    valueCell(caracterisation, 'lits_places_installes_permanent', EHPAD).value = {
      formula: '40+2',
      result: 42,
    };
    valueCell(caracterisation, 'type_reseau_sante', EHPAD).value = {
      richText: [{ text: 'Réseau ' }, { font: { bold: true }, text: 'ville-hôpital' }],
    };
    valueCell(caracterisation, 'nature_missions_appui_ressource', EHPAD).value = {
      text: 'Site du réseau',
      hyperlink: 'https://example.org',
    };
    const broken = valueCell(caracterisation, 'superficie_locaux', EHPAD);
    broken.value = { error: '#DIV/0!' };

    const result = await readPreparationGrid(await save(workbook), expected);
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          cell: broken.address,
          message: `Feuille « Caractérisation », cellule ${broken.address} : La cellule contient une erreur Excel (#DIV/0!).`,
        }),
      ],
    });

    broken.value = null;
    const fixed = await readPreparationGrid(await save(workbook), expected);
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.errors));
    expect(fixed.values[EHPAD]).toMatchObject({
      lits_places_installes_permanent: 42,
      type_reseau_sante: 'Réseau ville-hôpital',
      nature_missions_appui_ressource: 'Site du réseau',
      superficie_locaux: null,
    });
  });
});

describe('preparation grid — OG with three structures', () => {
  it('round-trips the values of each structure and of the OG', async () => {
    const workbook = await load(await buildPreparationGrid(ogInput()));
    const og = sheet(workbook, 'Organisme gestionnaire');
    valueCell(og, 'nomenclature_comptable', OG).value = 'M22';
    valueCell(og, 'si_dpo', OG).value = 'Oui';
    valueCell(og, 'cpom_date_entree_vigueur', OG).value = new Date(Date.UTC(2023, 0, 1));
    const prestations = sheet(workbook, "Prestations de soins et d'acco…");
    valueCell(prestations, 'personnes_gir_2', EHPAD).value = 20;
    valueCell(sheet(workbook, 'Caractérisation'), 'lits_places_autorises_permanent', SESSAD).value = 45;

    const result = await readPreparationGrid(await save(workbook), ogExpectation());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.organisationValues).toMatchObject({
      cpom_en_cours: true,
      cpom_date_echeance: '2027-12-31',
      cpom_date_entree_vigueur: '2023-01-01',
      convention_collective: 'ccn_1966',
      si_budget_exploitation: 15000.75,
      nomenclature_comptable: 'm22',
      si_dpo: true,
      si_actions_rgpd: null,
    });
    expect(Object.keys(result.organisationValues)).toHaveLength(
      dictionary.items.filter((i) => i.ogLevel).length,
    );
    expect(result.values[EHPAD]).toMatchObject({ personnes_gir_1: 12, personnes_gir_2: 20 });
    expect(result.values[ESAT]).toMatchObject({ lits_places_autorises_permanent: 60 });
    expect(result.values[SESSAD]).toMatchObject({
      personnes_orientation_mdph: 30,
      lits_places_autorises_permanent: 45,
    });
    for (const [finess, category] of [
      [EHPAD, 'EHPAD'],
      [ESAT, 'ESAT'],
      [SESSAD, 'SESSAD'],
    ] as const) {
      expect(Object.keys(result.values[finess] ?? {})).toHaveLength(structureItemCount(category));
    }
    // Items that do not apply to a category are absent, not null.
    expect(result.values[ESAT]).not.toHaveProperty('autorisation_specifique_alzheimer');
    expect(result.values[EHPAD]).not.toHaveProperty('personnes_orientation_mdph');
  });

  it('marks non-applicable cells "—", greyed and locked, and refuses a value typed there', async () => {
    const workbook = await load(await buildPreparationGrid(ogInput()));
    const caracterisation = sheet(workbook, 'Caractérisation');
    const cell = valueCell(caracterisation, 'personnes_orientation_mdph', EHPAD);
    expect(cell.value).toBe('—');
    expect(cell.protection?.locked).not.toBe(false);
    expect(cell.fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFBFBFBF' } });
    expect(valueCell(caracterisation, 'personnes_orientation_mdph', SESSAD).protection).toMatchObject({
      locked: false,
    });

    cell.value = 5;
    const result = await readPreparationGrid(await save(workbook), ogExpectation());
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          sheet: 'Caractérisation',
          cell: cell.address,
          finess: EHPAD,
          itemCode: 'personnes_orientation_mdph',
          message: `Feuille « Caractérisation », cellule ${cell.address} : L’élément « ${item('personnes_orientation_mdph').label} » ne s’applique pas à la catégorie EHPAD : laissez « — ».`,
        },
      ],
    });
  });

  it('lays out sheets, headers, markers and the Lisez-moi', async () => {
    const workbook = await load(await buildPreparationGrid(ogInput()));
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Lisez-moi',
      'Caractérisation',
      "Prestations de soins et d'acco…",
      'Ressources humaines',
      'Finances et budget',
      "Système d'information",
      'Développement durable',
      'Organisme gestionnaire',
      'Listes',
    ]);
    expect(sheet(workbook, 'Listes').state).toBe('hidden');

    const rh = sheet(workbook, 'Ressources humaines');
    expect(rh.getRow(1).hidden).toBe(true);
    expect(rh.getCell('A1').value).toBe('TDB-GRILLE|2026|RESSOURCES_HUMAINES');
    expect(rh.getCell('H1').value).toBe(`N-1|${ESAT}`);
    expect(rh.getCell('I1').value).toBe(`VALEUR|${ESAT}`);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((column) => rh.getRow(2).getCell(column).value)).toEqual([
      'Code',
      'Libellé',
      'Unité',
      'Aide',
      'Obligatoire',
      `N-1 ${EHPAD}`,
      `2026 ${EHPAD} – EHPAD Les Lilas`,
      `N-1 ${ESAT}`,
      `2026 ${ESAT} – ESAT du Parc`,
      `N-1 ${SESSAD}`,
      `2026 ${SESSAD} – SESSAD Horizon`,
    ]);
    expect(rh.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
    // Not in exceljs's typings, but set by `protect()` and read back from the file.
    expect((rh as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });

    const og = sheet(workbook, 'Organisme gestionnaire');
    expect(og.getCell('A1').value).toBe('TDB-GRILLE|2026|OG');
    expect(og.getRow(2).getCell(7).value).toBe(`2026 ${OG} – Association Horizon`);
    const previous = valueCell(og, 'cpom_en_cours', OG, 'N-1');
    expect(previous.value).toBe('Non');
    expect(previous.protection?.locked).not.toBe(false);
    expect(valueCell(og, 'cpom_en_cours', OG).value).toBe('Oui');
    expect(valueCell(og, 'cpom_date_echeance', OG).value).toEqual(new Date(Date.UTC(2027, 11, 31)));
    expect(valueCell(og, 'convention_collective', OG).value).toBe('CCN du 15 mars 1966');

    const readme = sheet(workbook, 'Lisez-moi');
    const texts: string[] = [];
    readme.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toEqual(expect.arrayContaining(['Campagne', '2026', 'Données de l’année', '2025']));
    expect(texts).toEqual(expect.arrayContaining([EHPAD, 'EHPAD Les Lilas', `${OG} – Association Horizon`]));
    expect(texts).toContain('Établissement et service d’aide par le travail (ESAT)');
  });

  it('tells which categories an item is required for', async () => {
    const base = { domain: 'CARACTERISATION', type: 'integer', ogLevel: false } as const;
    const items: Item[] = [
      { ...base, code: 'partout', label: 'Partout', categories: 'ALL', requiredIn: 'ALL' },
      { ...base, code: 'jamais', label: 'Jamais', categories: 'ALL', requiredIn: [] },
      { ...base, code: 'parfois', label: 'Parfois', categories: ['EHPAD', 'ESAT'], requiredIn: ['EHPAD'] },
      {
        ...base,
        code: 'facultatif',
        label: 'Facultatif',
        categories: 'ALL',
        requiredIn: [],
        excludedFromCompleteness: true,
      },
      { ...base, code: 'og', label: 'OG', categories: 'ALL', requiredIn: ['SESSAD'], ogLevel: true },
    ];
    const small: Dictionary = { version: '2026.1', campaignYear: 2026, dataYear: 2025, items };
    const workbook = await load(await buildPreparationGrid({ ...ogInput(), dictionary: small }));
    const caracterisation = sheet(workbook, 'Caractérisation');
    expect(
      [3, 4, 5, 6].map((row) => [
        caracterisation.getCell(row, 1).value,
        caracterisation.getCell(row, 5).value,
      ]),
    ).toEqual([
      ['partout', 'Oui'],
      // Not required, but counted in the completeness the threshold applies to: never « Non ».
      ['jamais', 'Compte pour la complétude'],
      ['parfois', 'Oui pour EHPAD ; les autres : compte pour la complétude'],
      ['facultatif', 'Non'],
    ]);
    const og = sheet(workbook, 'Organisme gestionnaire');
    expect(og.getCell('B3').value).toBe('Caractérisation');
    expect([og.getCell('A4').value, og.getCell('E4').value]).toEqual(['og', 'Oui']);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Lisez-moi',
      'Caractérisation',
      'Organisme gestionnaire',
      'Listes',
    ]);
  });

  it('puts data validation from the dictionary on value cells', async () => {
    const workbook = await load(await buildPreparationGrid(ogInput()));
    const caracterisation = sheet(workbook, 'Caractérisation');
    expect(valueCell(caracterisation, 'lits_places_autorises_permanent', EHPAD).dataValidation).toMatchObject(
      {
        type: 'whole',
        operator: 'between',
        formulae: [0, 100000],
        allowBlank: true,
        showErrorMessage: true,
        error: 'Saisissez un nombre entier entre 0 et 100000.',
      },
    );
    expect(valueCell(caracterisation, 'superficie_locaux', ESAT).dataValidation).toMatchObject({
      type: 'decimal',
      formulae: [0, 1000000],
    });
    expect(valueCell(caracterisation, 'convention_tripartite', ESAT).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Oui,Non"'],
    });
    const choice = valueCell(caracterisation, 'regime_evaluation', SESSAD).dataValidation;
    expect(choice).toMatchObject({ type: 'list' });
    const range = /^Listes!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(String(choice.formulae[0]));
    expect(range).not.toBeNull();
    const lists = sheet(workbook, 'Listes');
    const column = lists.getColumn(range?.[1] ?? 'A');
    expect(column.values.slice(1)).toEqual([
      'regime_evaluation',
      'Régime de droit commun (évaluations interne et externe)',
      'Régime dérogatoire (autorisation récente ou renouvelée)',
      'Non soumis',
    ]);
    expect(range?.[2]).toBe('4');
    expect(valueCell(caracterisation, 'date_ouverture', EHPAD).dataValidation).toMatchObject({
      type: 'date',
      operator: 'between',
    });
    expect(valueCell(caracterisation, 'date_ouverture', EHPAD).numFmt).toBe('dd/mm/yyyy');
    // Not-applicable cells carry no validation.
    expect(valueCell(caracterisation, 'personnes_orientation_mdph', EHPAD).dataValidation).toBeUndefined();
  });
});
