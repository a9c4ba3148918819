import { Injectable } from '@nestjs/common';
import { OPEN_DATA_MINIMUM_GROUP, type OpenDataIndicatorRow, type OpenDataIndicators } from '@tdb/contracts';
import { roundForUnit } from '@tdb/indicators';
import { findCategory, findDepartment } from '@tdb/reference';
import { formatDateFr, restitutionOpen } from '@tdb/submission-workflow';
import { parisToday } from '../../common/auth/access.service';
import { DomainError } from '../../common/errors/domain-error';
import { phaseOfCampaign } from '../campaign-core/campaign-row';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { DerivedRules } from '../computation/derived-rules.service';
import { RegionalExportRepository } from './regional-export.repository';

/**
 * Open data (issue 7 §4): per category × département × indicator, the number of structures and the
 * quartiles of the indicator over the VALIDATED or CONFIRMED submissions with a computable value.
 *
 * Choices:
 * - published from the campaign's first day of restitution (or once it is closed): before, the
 *   values are still entered and checked, and the answer is a French 404 saying from when (ADR 0013);
 * - statistical secrecy: a group of fewer than 5 structures keeps its row, with `suppressed: true`
 *   and every figure null (the count too); the figures are nulled in SQL, they never leave the
 *   database;
 * - figures (PostgreSQL percentile_cont, continuous percentiles) rounded to what is meaningful for
 *   the indicator's unit (`roundForUnit`: % to 1 decimal, counts and ratios to 2…), the same in
 *   JSON and CSV;
 * - only scalar indicators (ratio and value kinds): a distribution's stored value is the total of
 *   its parts, not the indicator;
 * - no financial indicator (axis FINANCES): the budgetary and financial data are not freely
 *   published (domain reference §9, ScanSanté), they need a convention.
 */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly registry: DictionaryRegistry,
    private readonly indicators: DerivedRules,
    private readonly repository: RegionalExportRepository,
  ) {}

  async indicatorsOf(year: number): Promise<OpenDataIndicators> {
    const campaign = await this.campaigns.row(year);
    const today = parisToday();
    if (!restitutionOpen(phaseOfCampaign(campaign, today), campaign.restitution_start, today)) {
      throw new DomainError(
        'NOT_FOUND',
        `Les données ouvertes de la campagne ${year} seront publiées à partir du ${formatDateFr(campaign.restitution_start)}, après la fiabilisation.`,
        undefined,
        `Open data of campaign ${year} not yet published`,
        { availableFrom: campaign.restitution_start },
      );
    }
    const dictionary = await this.registry.byVersion(campaign.dictionary_version);
    const definitions = this.indicators
      .definitionsFor(dictionary)
      .indicators.filter((d) => d.kind !== 'distribution' && d.axis !== 'FINANCES');
    const byCode = new Map(definitions.map((d) => [d.code, d]));
    const groups = await this.repository.openDataGroups(year, [...byCode.keys()], OPEN_DATA_MINIMUM_GROUP);
    const rows = groups.map((g): OpenDataIndicatorRow => {
      const definition = byCode.get(g.indicator_code);
      const suppressed = g.n < OPEN_DATA_MINIMUM_GROUP;
      const unit = definition?.unit ?? '';
      return {
        categoryCode: g.category_code,
        categoryLabel: findCategory(g.category_code)?.shortLabel ?? g.category_code,
        departmentCode: g.department_code,
        departmentName: findDepartment(g.department_code)?.name ?? g.department_code,
        indicatorCode: g.indicator_code,
        indicatorLabel: definition?.label ?? g.indicator_code,
        unit,
        suppressed,
        count: suppressed ? null : g.n,
        q1: suppressed ? null : roundForUnit(g.q1, unit),
        median: suppressed ? null : roundForUnit(g.median, unit),
        q3: suppressed ? null : roundForUnit(g.q3, unit),
      };
    });
    return { campaignYear: year, minimumGroupSize: OPEN_DATA_MINIMUM_GROUP, rows };
  }

  /**
   * The same as CSV: `;` separator, UTF-8 with BOM, French header, decimal comma, the figures
   * rounded as in JSON, suppressed figures left empty.
   */
  async csvOf(year: number): Promise<string> {
    const data = await this.indicatorsOf(year);
    const header = [
      'Année',
      'Code catégorie',
      'Catégorie',
      'Code département',
      'Département',
      'Code indicateur',
      'Indicateur',
      'Unité',
      'Nombre de structures',
      'Premier quartile',
      'Médiane',
      'Troisième quartile',
      'Secret statistique',
    ];
    const lines = data.rows.map((r) =>
      [
        String(data.campaignYear),
        r.categoryCode,
        r.categoryLabel,
        r.departmentCode,
        r.departmentName,
        r.indicatorCode,
        r.indicatorLabel,
        r.unit,
        r.count === null ? '' : String(r.count),
        decimal(r.q1),
        decimal(r.median),
        decimal(r.q3),
        r.suppressed ? 'oui' : 'non',
      ]
        .map(csvField)
        .join(';'),
    );
    return `\uFEFF${[header.map(csvField).join(';'), ...lines].join('\r\n')}\r\n`;
  }
}

function decimal(value: number | null): string {
  return value === null ? '' : String(value).replace('.', ',');
}

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
