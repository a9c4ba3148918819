import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { targetKey, type AtypiaTarget } from '@tdb/atypia';
import type { AtypiaTargetDto } from '@tdb/contracts';
import type { CampaignRow } from '../campaign-core/campaign-row';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { DerivedRules } from '../computation/derived-rules.service';
import type { TableRowSql } from './atypia-review-rows';
import { AtypiaReviewRepository } from './atypia-review.repository';

/**
 * The item or indicator a flag is raised on, as a thread shows it: its French label and the unit
 * of the flag's figures (from the campaign's dictionary and indicator definitions, as the rules
 * word their messages), and its value now, which differs from the flag's once corrected.
 */
@Injectable()
export class AtypiaTargets {
  constructor(
    private readonly dictionaries: DictionaryRegistry,
    private readonly rules: DerivedRules,
    private readonly flags: AtypiaReviewRepository,
  ) {}

  async describe(manager: EntityManager, campaign: CampaignRow, row: TableRowSql): Promise<AtypiaTargetDto> {
    const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, manager);
    const ruleSet = this.rules.ruleSetFor(dictionary);
    const target: AtypiaTarget =
      row.target_kind === 'indicator' ? { indicator: row.target_code } : { item: row.target_code };
    const info = ruleSet.targets?.[targetKey(target)];
    const item =
      row.target_kind === 'item' ? dictionary.items.find((i) => i.code === row.target_code) : undefined;
    const indicator =
      row.target_kind === 'indicator'
        ? this.rules.definitionsFor(dictionary).indicators.find((d) => d.code === row.target_code)
        : undefined;
    // A coherence rule compares two sides in its own unit; the other rules speak in the target's.
    const rule = ruleSet.rules.find((r) => r.code === row.rule_code);
    const unit =
      rule?.kind === 'coherence'
        ? rule.unit
        : (info?.unit ?? item?.unit ?? (indicator?.unit === 'ratio' ? undefined : indicator?.unit));
    const current = await this.flags.currentValue(
      manager,
      campaign.year,
      { finess: row.finess.trim(), ogFiness: row.og_finess.trim() },
      { kind: row.target_kind, code: row.target_code, ogLevel: item?.ogLevel ?? false },
    );
    return {
      label: info?.label ?? item?.label ?? indicator?.label ?? row.target_code,
      unit: unit === undefined || unit === '' ? null : unit,
      currentValue: typeof current === 'number' && Number.isFinite(current) ? current : null,
    };
  }
}
