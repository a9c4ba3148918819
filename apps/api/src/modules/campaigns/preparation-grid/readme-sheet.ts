import type ExcelJS from 'exceljs';
import type { Pause } from '../../../common/concurrency/time-slicer';
import { COLOURS, PROTECTION, solidFill, THIN_BORDER } from './grid-cells';
import type { GridInput } from './grid-input';
import { NOT_APPLICABLE, ORGANISATION_SHEET, README_SHEET } from './layout';
import { REQUIRED_LEGEND } from './required-text';

/** The « Lisez-moi » sheet: the campaign, the structures of the grid, how to fill it, the legend. */
export async function addReadmeSheet(
  workbook: ExcelJS.Workbook,
  input: GridInput,
  slices: Pause,
): Promise<void> {
  const sheet = workbook.addWorksheet(README_SHEET, { properties: { tabColor: { argb: COLOURS.header } } });
  sheet.columns = [{ width: 28 }, { width: 48 }, { width: 60 }];
  const add = (values: ExcelJS.CellValue[], style?: 'title' | 'heading' | 'bold') => {
    const row = sheet.addRow(values);
    if (style === 'title') row.font = { bold: true, size: 14, color: { argb: COLOURS.header } };
    if (style === 'heading') row.font = { bold: true, size: 12, color: { argb: COLOURS.header } };
    if (style === 'bold') row.font = { bold: true };
    row.alignment = { wrapText: true, vertical: 'top' };
    return row;
  };

  add([`Grille de préparation à la collecte — campagne ${input.campaignYear}`], 'title');
  add([]);
  add(['Campagne', input.campaignYear]);
  add(['Données de l’année', input.dictionary.dataYear]);
  add(['Version du dictionnaire', input.dictionary.version]);
  if (input.organisation) {
    add(['Organisme gestionnaire', `${input.organisation.finess} – ${input.organisation.name}`]);
  }
  add([]);
  add(['Structures concernées'], 'heading');
  add(['FINESS', 'Nom', 'Catégorie'], 'bold');
  for (const structure of input.structures) {
    add([structure.finess, structure.name, `${structure.categoryLabel} (${structure.categoryCode})`]);
    await slices.pause();
  }
  add([]);
  add(['Comment remplir la grille'], 'heading');
  for (const [index, line] of instructions(input).entries()) add([`${index + 1}.`, line]);
  add([]);
  add(['Légende'], 'heading');
  addLegendRow(sheet, 'À compléter', solidFill(COLOURS.editable), 'Cellule à saisir (ou à corriger).');
  addLegendRow(
    sheet,
    'N-1',
    solidFill(COLOURS.previous),
    `Valeur déclarée pour ${input.dictionary.dataYear - 1}, pour mémoire (non modifiable).`,
  );
  addLegendRow(
    sheet,
    NOT_APPLICABLE,
    solidFill(COLOURS.notApplicable),
    'Sans objet : l’élément ne s’applique pas à la catégorie de cette structure (non modifiable).',
  );
  add(['Obligatoire', REQUIRED_LEGEND]);

  for (const row of [3, 4, 5]) sheet.getCell(row, 2).alignment = { horizontal: 'left' };
  await sheet.protect('', PROTECTION);
  sheet.commit();
}

function instructions(input: GridInput): string[] {
  const year = input.campaignYear;
  return [
    `Chaque onglet correspond à un domaine du questionnaire et chaque ligne à un élément. Chaque structure a deux colonnes : « N-1 » (valeur de l’an dernier, pour mémoire) et « ${year} FINESS – nom » (valeur à déclarer).`,
    input.organisation
      ? `L’onglet « ${ORGANISATION_SHEET} » regroupe les éléments saisis une seule fois pour l’organisme gestionnaire.`
      : 'Les éléments saisis au niveau de l’organisme gestionnaire ne figurent pas dans cette grille.',
    'Ne saisissez que dans les cellules jaunes. Les valeurs déjà enregistrées sur la plateforme sont pré-remplies.',
    'Nombres : avec la virgule décimale (ex. 1 234,5). Pourcentages : de 0 à 100. Dates : JJ/MM/AAAA. Questions fermées : « Oui » ou « Non ». Listes : choisissez dans la liste déroulante.',
    'Une cellule vide signifie « pas de valeur » : vider une cellule pré-remplie efface la valeur lors du dépôt. « — » signifie « sans objet » et vaut aussi « pas de valeur ».',
    'Ne modifiez pas les codes (colonne A), n’insérez ni ne supprimez de lignes ou de colonnes : la ligne 1 (masquée) et la colonne « Code » servent à relire le fichier. Les feuilles sont protégées sans mot de passe.',
    'Déposez ensuite le fichier complété sur la plateforme, dans la campagne. Le fichier est contrôlé en entier : si une cellule est en erreur, rien n’est enregistré et la liste des erreurs (feuille et cellule) est affichée ; corrigez puis déposez-le à nouveau.',
    'Les éléments obligatoires manquants sont signalés lors de la validation du questionnaire, pas au dépôt de la grille.',
  ];
}

function addLegendRow(sheet: ExcelJS.Worksheet, sample: string, fill: ExcelJS.Fill, text: string): void {
  const row = sheet.addRow([sample, text]);
  const cell = row.getCell(1);
  cell.fill = fill;
  cell.border = THIN_BORDER;
  cell.alignment = { horizontal: 'center' };
  row.getCell(2).alignment = { wrapText: true };
}
