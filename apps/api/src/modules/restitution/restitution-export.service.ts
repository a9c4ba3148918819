import { Injectable } from '@nestjs/common';
import { fmt, printable } from './pdf';
import { renderPdf } from './pdf-renderer';
import { exceljs } from '../../common/files/exceljs';
import type {
  DistributionDto,
  RestitutionIndicator,
  StructurePractices,
  StructureRestitution,
} from '@tdb/contracts';
import { AXIS_LABELS } from '@tdb/indicators';
import { statusLabel } from '@tdb/submission-workflow';
import { addPracticesSheet, practicesPdfContent } from './practices-export';

const AXES = Object.keys(AXIS_LABELS) as (keyof typeof AXIS_LABELS)[];

const median = (d: DistributionDto | null): string =>
  !d ? 'n.d.' : d.suppressed ? 'secret (< 5)' : `${fmt(d.median)} (n = ${d.n})`;
const decile = (value: number | null): string => (value === null ? '—' : `D${value}`);

const DIRECTION_WORDS = {
  higher_is_better: { up: ' (favorable)', down: ' (défavorable)' },
  lower_is_better: { up: ' (défavorable)', down: ' (favorable)' },
  neutral: { up: '', down: '' },
} as const;

/**
 * The trend as the page shows it, in words: the value of the latest earlier campaign and whether it
 * went up or down since, favourably or not given the indicator's direction ("2025 : 85 %\nen
 * hausse (favorable)"); "—" without an earlier value.
 */
export function trendText(i: RestitutionIndicator, year: number): string {
  const previous = i.trend.filter((p) => p.campaignYear < year && p.value !== null).at(-1);
  if (!previous || previous.value === null) return '—';
  const before = `${previous.campaignYear} : ${fmt(previous.value, i.unit)}`;
  if (i.value === null) return before;
  // Compared as printed: 87,541 and 87,539 both read "87,54".
  if (fmt(i.value) === fmt(previous.value)) return `${before}\nstable`;
  const up = i.value > previous.value;
  return `${before}\nen ${up ? 'hausse' : 'baisse'}${DIRECTION_WORDS[i.direction][up ? 'up' : 'down']}`;
}

/**
 * The restitution as a printable PDF (A4, French) and as an XLSX workbook: the same table, then the
 * qualitative axes' practices (O04–O06) as the page shows them.
 */
@Injectable()
export class RestitutionExportService {
  async pdf(r: StructureRestitution, practices: StructurePractices): Promise<Buffer> {
    const { footer, ...definition } = this.pdfDefinition(r, practices);
    return renderPdf(printable({ definition, footer }));
  }

  /** What the PDF holds (pdfmake's document): the table with the peers' columns only when they are there. */
  pdfDefinition(r: StructureRestitution, practices: StructurePractices) {
    const peers = r.stage.peers.available;
    const content: unknown[] = [
      {
        text: `Tableau de bord de la performance — restitution ${r.campaignYear}${r.stage.provisional ? ' (provisoire)' : ''}`,
        style: 'title',
      },
      { text: `${r.name}`, style: 'subtitle' },
      {
        text: [
          `FINESS ${r.finess} · ${r.categoryLabel} (${r.categoryCode}) · département ${r.departmentCode} · région ${r.regionCode}\n`,
          `Statut de la saisie : ${statusLabel(r.submissionStatus)}. `,
          peers
            ? `Comparaison avec les structures de la même catégorie dont la saisie est validée ou confirmée ; un groupe de moins de 5 structures n’est jamais affiché (secret statistique).`
            : '',
        ],
        style: 'small',
        margin: [0, 0, 0, 4],
      },
    ];
    for (const line of [r.stage.notice, r.stage.peers.reason]) {
      if (line) content.push({ text: line, style: 'notice', margin: [0, 0, 0, 4] });
    }
    for (const axis of AXES) {
      const rows = r.indicators.filter((i) => i.axis === axis);
      if (rows.length === 0) continue;
      content.push({ text: AXIS_LABELS[axis], style: 'axis' });
      const headers = peers
        ? [
            'Indicateur',
            'Valeur',
            'Médiane nat.',
            'Médiane rég.',
            'Médiane dép.',
            'Décile',
            'Position nationale',
            'Évolution',
          ]
        : ['Indicateur', r.stage.provisional ? 'Valeur provisoire' : 'Valeur', 'Évolution'];
      content.push({
        table: {
          headerRows: 1,
          // A row stays on one page: its trend is never cut from its value.
          dontBreakRows: true,
          widths: peers ? ['*', 48, 54, 54, 54, 28, 78, 62] : ['*', 90, 110],
          body: [
            headers.map((text) => ({ text, style: 'th' })),
            ...rows.map((i) => [
              { text: `${i.code} ${i.label}${i.provisional ? ' *' : ''}`, style: 'td' },
              { text: fmt(i.value, i.unit), style: 'td' },
              ...(peers
                ? [
                    { text: median(i.national), style: 'td' },
                    { text: median(i.regional), style: 'td' },
                    { text: median(i.departmental), style: 'td' },
                    { text: decile(i.decile.NATION), style: 'td' },
                    band(i),
                  ]
                : []),
              { text: trendText(i, r.campaignYear), style: 'td' },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 8],
      });
    }
    if (r.indicators.some((i) => i.provisional)) {
      const notice = r.indicators.find((i) => i.provisionalNotice)?.provisionalNotice;
      content.push({
        text: `* Indicateur provisoire. ${notice ?? ''}`,
        style: 'small',
        margin: [0, 6, 0, 0],
      });
    }
    if (peers) {
      content.push({
        text:
          'Décile : D1 = parmi les 10 % de valeurs les plus basses de la catégorie au niveau national, D10 = parmi les 10 % les plus élevées. ' +
          `Distributions calculées le ${r.computedAt ? new Date(r.computedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }) : '—'}.`,
        style: 'small',
        margin: [0, 4, 0, 0],
      });
    }
    content.push(...practicesPdfContent(practices));
    return {
      pageSize: 'A4',
      pageMargins: [28, 32, 28, 36],
      info: {
        title: `Restitution ${r.campaignYear} — ${r.finess}`,
        creator: 'Tableau de bord de la performance',
      },
      defaultStyle: { font: 'Roboto', fontSize: 8 },
      // pdfmake's footer function, as a template the PDF worker turns into it (pdf-renderer.ts).
      footer: {
        text: `${r.name} — FINESS ${r.finess} — page {page}/{pages}`,
        alignment: 'center',
        fontSize: 7,
        color: '#666666',
      },
      styles: {
        title: { fontSize: 14, bold: true, color: '#000091' },
        subtitle: { fontSize: 12, bold: true, margin: [0, 4, 0, 2] },
        axis: { fontSize: 10, bold: true, color: '#000091', margin: [0, 6, 0, 3] },
        th: { bold: true, fontSize: 7.5 },
        td: { fontSize: 7.5 },
        small: { fontSize: 7, color: '#444444' },
        notice: { fontSize: 8, bold: true, color: '#b34000' },
      },
      content,
    };
  }

  async xlsx(r: StructureRestitution, practices: StructurePractices): Promise<Buffer> {
    const workbook = new (exceljs().Workbook)();
    workbook.creator = 'Tableau de bord de la performance';
    const sheet = workbook.addWorksheet(`Restitution ${r.campaignYear}`);
    sheet.addRow([
      `Restitution ${r.campaignYear}${r.stage.provisional ? ' (provisoire)' : ''} — ${r.name} (FINESS ${r.finess})`,
    ]).font = {
      bold: true,
      size: 13,
    };
    sheet.addRow([
      `${r.categoryLabel} · département ${r.departmentCode} · région ${r.regionCode} · saisie : ${statusLabel(r.submissionStatus)}`,
    ]);
    for (const line of [r.stage.notice, r.stage.peers.reason]) {
      if (line) sheet.addRow([line]).font = { bold: true };
    }
    if (!r.stage.peers.available) {
      // The structure's own figures only: no column of the peers, not even empty.
      sheet.addRow([]);
      sheet.addRow([
        'Axe',
        'Code',
        'Indicateur',
        'Unité',
        'Valeur provisoire',
        'Indicateur provisoire',
      ]).font = {
        bold: true,
      };
      for (const i of r.indicators) {
        sheet.addRow([AXIS_LABELS[i.axis], i.code, i.label, i.unit, i.value, i.provisional ? 'oui' : 'non']);
      }
      sheet.columns.forEach((column, index) => {
        column.width = index === 2 ? 48 : index === 0 ? 28 : 14;
      });
      addPracticesSheet(workbook, r, practices);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }
    sheet.addRow(['Un groupe de moins de 5 structures n’est jamais affiché (secret statistique).']);
    sheet.addRow([]);
    const header = sheet.addRow([
      'Axe',
      'Code',
      'Indicateur',
      'Unité',
      'Valeur',
      'Médiane nationale',
      'Effectif national',
      'Décile national',
      'Médiane régionale',
      'Effectif régional',
      'Décile régional',
      'Médiane départementale',
      'Effectif départemental',
      'Décile départemental',
      'D1 national',
      'D9 national',
      'Provisoire',
    ]);
    header.font = { bold: true };
    const cells = (d: DistributionDto | null, position: number | null) =>
      !d ? [null, null, null] : d.suppressed ? ['secret', 'secret', null] : [d.median, d.n, position];
    for (const i of r.indicators) {
      sheet.addRow([
        AXIS_LABELS[i.axis],
        i.code,
        i.label,
        i.unit,
        i.value,
        ...cells(i.national, i.decile.NATION),
        ...cells(i.regional, i.decile.REGION),
        ...cells(i.departmental, i.decile.DEPARTMENT),
        i.national && !i.national.suppressed ? (i.national.deciles?.[0] ?? null) : null,
        i.national && !i.national.suppressed ? (i.national.deciles?.[8] ?? null) : null,
        i.provisional ? 'oui' : 'non',
      ]);
    }
    sheet.columns.forEach((column, index) => {
      column.width = index === 2 ? 48 : index === 0 ? 28 : 14;
    });
    addPracticesSheet(workbook, r, practices);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}

/** A band of ten cells, the structure's national decile filled (pdfmake canvas). */
function band(i: RestitutionIndicator): unknown {
  const position = i.decile.NATION;
  if (position === null) return { text: '—', style: 'td' };
  const width = 7.5;
  return {
    canvas: Array.from({ length: 10 }, (_, k) => ({
      type: 'rect',
      x: k * width,
      y: 1,
      w: width - 1,
      h: 7,
      color: k + 1 === position ? '#000091' : '#e3e3fd',
    })),
  };
}
