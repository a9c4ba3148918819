import { Injectable } from '@nestjs/common';
import type { IndicatorGuide, IndicatorSheet } from '@tdb/contracts';
import type { Dictionary } from '@tdb/dictionary';
import {
  AXIS_LABELS,
  DIRECTION_LABELS,
  QUALITATIVE_AXES,
  formulaInWords,
  practiceItems,
  practiceRule,
  provisionalNotice,
  type IndicatorDefinition,
} from '@tdb/indicators';
import { DomainError } from '../../common/errors/domain-error';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { DerivedRules } from '../computation/derived-rules.service';

/** The "Guide des indicateurs": what each indicator of a campaign means and how it is computed. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly rules: DerivedRules,
  ) {}

  /** The guide of a campaign year (the latest campaign when none is given). */
  async guide(year: number | undefined): Promise<IndicatorGuide> {
    const campaign = year === undefined ? await this.campaigns.latest() : await this.campaigns.row(year);
    if (!campaign) throw new DomainError('NOT_FOUND', 'Aucune campagne.');
    const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version);
    const definitions = this.rules.definitionsFor(dictionary);
    return {
      campaignYear: campaign.year,
      dictionaryVersion: dictionary.version,
      sheets: definitions.indicators.map((def) => this.sheet(def, dictionary)),
      qualitativeAxes: QUALITATIVE_AXES.map((axis) => ({
        code: axis.code,
        label: axis.label,
        meaning: axis.meaning,
        practices: practiceItems(axis, dictionary).map((item) => ({
          code: item.code,
          label: item.label,
          type: item.type,
          rule: practiceRule(item),
        })),
      })),
    };
  }

  private sheet(def: IndicatorDefinition, dictionary: Dictionary): IndicatorSheet {
    return {
      code: def.code,
      label: def.label,
      axis: def.axis,
      axisLabel: AXIS_LABELS[def.axis],
      kind: def.kind,
      meaning: def.meaning,
      unit: def.unit,
      formulaInWords: formulaInWords(def, dictionary),
      direction: def.direction,
      directionLabel: DIRECTION_LABELS[def.direction],
      categories: def.categories === 'ALL' ? 'ALL' : [...def.categories],
      status: def.status,
      provisionalNotice: provisionalNotice(def) ?? null,
      source: def.source,
      notes: [...def.notes],
    };
  }
}
