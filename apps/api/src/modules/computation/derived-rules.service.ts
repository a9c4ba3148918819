import { Injectable } from '@nestjs/common';
import { RAW_ATYPIA_RULES, itemsReadBy, loadAtypiaRules, type AtypiaRuleSet } from '@tdb/atypia';
import type { Dictionary } from '@tdb/dictionary';
import {
  RAW_INDICATOR_DEFINITIONS,
  indicatorsByItem,
  loadIndicatorDefinitions,
  type IndicatorDefinitions,
  type IndicatorUse,
} from '@tdb/indicators';
import { OWN_RULE_KINDS } from './atypia-subject';
import { dataForDictionary } from './data-for-dictionary';

/**
 * The indicator definitions and atypia rules of a campaign: the data files of the nearest year,
 * re-stamped for the campaign's dictionary and checked against it once per dictionary version.
 */
@Injectable()
export class DerivedRules {
  private readonly definitions = new Map<string, IndicatorDefinitions>();
  private readonly ruleSets = new Map<string, AtypiaRuleSet>();
  private readonly inputs = new Map<string, readonly string[]>();
  private readonly itemUses = new Map<string, Readonly<Record<string, IndicatorUse[]>>>();

  definitionsFor(dictionary: Dictionary): IndicatorDefinitions {
    const cached = this.definitions.get(dictionary.version);
    if (cached) return cached;
    const loaded = loadIndicatorDefinitions(
      dataForDictionary(RAW_INDICATOR_DEFINITIONS, dictionary),
      dictionary,
    );
    if (!loaded.ok) {
      throw new Error(
        `Indicator definitions do not fit dictionary ${dictionary.version}:\n${loaded.errors.join('\n')}`,
      );
    }
    this.definitions.set(dictionary.version, loaded.definitions);
    return loaded.definitions;
  }

  /** Which indicators read each item of the dictionary (the items' help), once per version. */
  indicatorsByItemFor(dictionary: Dictionary): Readonly<Record<string, IndicatorUse[]>> {
    const cached = this.itemUses.get(dictionary.version);
    if (cached) return cached;
    const uses = indicatorsByItem(this.definitionsFor(dictionary));
    this.itemUses.set(dictionary.version, uses);
    return uses;
  }

  ruleSetFor(dictionary: Dictionary): AtypiaRuleSet {
    const cached = this.ruleSets.get(dictionary.version);
    if (cached) return cached;
    const loaded = loadAtypiaRules(
      dataForDictionary(RAW_ATYPIA_RULES, dictionary),
      dictionary,
      this.definitionsFor(dictionary),
    );
    if (!loaded.ok) {
      throw new Error(
        `Atypia rules do not fit dictionary ${dictionary.version}:\n${loaded.errors.join('\n')}`,
      );
    }
    this.ruleSets.set(dictionary.version, loaded.ruleSet);
    return loaded.ruleSet;
  }

  /**
   * The structure-level items (not entered at OG level) that the indicators and the own rules read:
   * all a campaign recompute needs of a submission's values — about half of the dictionary, so
   * half the JSON to send, parse and collect.
   */
  inputItemsFor(dictionary: Dictionary): readonly string[] {
    const cached = this.inputs.get(dictionary.version);
    if (cached) return cached;
    const read = new Set([
      ...Object.keys(this.indicatorsByItemFor(dictionary)),
      ...itemsReadBy(this.ruleSetFor(dictionary), OWN_RULE_KINDS),
    ]);
    const items = dictionary.items.filter((i) => !i.ogLevel && read.has(i.code)).map((i) => i.code);
    this.inputs.set(dictionary.version, items);
    return items;
  }
}
