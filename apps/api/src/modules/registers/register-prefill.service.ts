import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { PrefillResult, RegisterValueDto } from '@tdb/contracts';
import {
  evaluateSubmission,
  itemsFor,
  sourceMappings,
  type Dictionary,
  type ReferenceValue,
  type SourceMapping,
} from '@tdb/dictionary';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { mergedValues } from '../campaign-core/submission-context';
import { RegisterPrefillRepository, type PrefillWrite } from './register-prefill.repository';

/** Submissions written per batch. */
const BATCH = 1000;

/** The mappings of the registers that apply to a dictionary (none when a mapping names items it lacks). */
export function mappingsFor(dictionary: Dictionary): SourceMapping[] {
  try {
    return sourceMappings(dictionary);
  } catch {
    return [];
  }
}

/**
 * Prefills submissions with the values of the State's registers (issue 17 §3): an item gets the
 * register's value when the structure has entered nothing and it was never prefilled, or when it
 * still holds an earlier prefilled value the register has since changed. A value the structure
 * typed (or emptied after a prefill) is never overwritten. Each prefilled item is marked with its
 * source, date and value; the history records the REGISTER source.
 */
@Injectable()
export class RegisterPrefill {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly repository: RegisterPrefillRepository,
  ) {}

  /** The route: prefill a campaign's submissions on request. */
  async prefillOnRequest(actor: AuthenticatedActor, year: number): Promise<PrefillResult> {
    this.access.check(actor, { type: 'campaign.manage' });
    return this.dataSource.transaction((manager) => this.prefill(manager, year, null));
  }

  /** Prefills the submissions of `year` (all, or those of `finessList`), within `manager`'s transaction. */
  async prefill(
    manager: EntityManager,
    year: number,
    finessList: readonly string[] | null,
  ): Promise<PrefillResult> {
    const result: PrefillResult = { campaignYear: year, submissions: 0, items: 0 };
    const campaign = await this.campaigns.row(year, manager);
    if (campaign.state === 'CLOSED' || finessList?.length === 0) return result;
    const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, manager);
    const mappings = mappingsFor(dictionary);
    const sourceOf = new Map<string, string>();
    for (const mapping of mappings) for (const i of mapping.items) sourceOf.set(i.item, mapping.source);
    if (sourceOf.size === 0) return result;
    // By batches of submissions: memory stays bounded whatever the size of the campaign.
    const targets = finessList ?? (await this.repository.withRegisterValues(manager, year));
    for (let i = 0; i < targets.length; i += BATCH) {
      const written = await this.prefillBatch(
        manager,
        year,
        dictionary,
        sourceOf,
        targets.slice(i, i + BATCH),
      );
      result.submissions += written.submissions;
      result.items += written.items;
    }
    return result;
  }

  private async prefillBatch(
    manager: EntityManager,
    year: number,
    dictionary: Dictionary,
    sourceOf: ReadonlyMap<string, string>,
    finessList: readonly string[],
  ): Promise<{ submissions: number; items: number }> {
    const candidates = await this.repository.candidates(manager, year, [...sourceOf.keys()], finessList);
    const applicable = new Map<string, Set<string>>();
    const writes: (PrefillWrite & { og: string; category: string; values: Record<string, unknown> })[] = [];
    for (const candidate of candidates) {
      let codes = applicable.get(candidate.category_code);
      if (!codes) {
        codes = new Set(itemsFor(dictionary, candidate.category_code).map((i) => i.code));
        applicable.set(candidate.category_code, codes);
      }
      const write = {
        finess: candidate.finess,
        version: candidate.version,
        og: candidate.og_finess,
        category: candidate.category_code,
        values: candidate.values,
        patch: {} as Record<string, number>,
        completeness: 0,
        blocking: 0,
        items: [] as PrefillWrite['items'],
      };
      for (const [code, reference] of Object.entries(candidate.register)) {
        if (!codes.has(code) || sourceOf.get(code) !== reference.source) continue;
        const current = candidate.values[code];
        const mark = candidate.marks?.[code];
        const untouched = mark !== undefined && current !== undefined && current === mark.value;
        const fresh = current === undefined && mark === undefined;
        // An untouched prefill follows the register's value (a newer file that confirms it changes nothing).
        if (!fresh && !(untouched && mark.value !== reference.value)) continue;
        write.patch[code] = reference.value;
        write.items.push({
          item_code: code,
          source: reference.source,
          source_date: reference.date,
          value: reference.value,
          old: current ?? null,
        });
      }
      if (write.items.length > 0) writes.push(write);
    }
    if (writes.length === 0) return { submissions: 0, items: 0 };
    const ogValues = await this.repository.ogValues(manager, year, [...new Set(writes.map((w) => w.og))]);
    for (const write of writes) {
      const values = { ...write.values, ...write.patch } as Record<string, number>;
      const evaluation = evaluateSubmission(
        dictionary,
        write.category,
        mergedValues(values, ogValues.get(write.og) ?? {}, dictionary),
      );
      write.completeness = evaluation.completeness.ratio;
      write.blocking = evaluation.blockingErrors;
    }
    return this.repository.write(
      manager,
      year,
      writes.map(({ finess, version, patch, completeness, blocking, items }) => ({
        finess,
        version,
        patch,
        completeness,
        blocking,
        items,
      })),
      'Reprise des registres de l’État',
    );
  }

  /**
   * The register values of a structure's items for its submission page: what the coherence check
   * compares and the form shows (« Issu de FINESS au … »). One query.
   */
  async ofStructure(
    manager: EntityManager,
    year: number,
    finess: string,
    dictionary: Dictionary,
  ): Promise<{ dtos: RegisterValueDto[]; references: ReferenceValue[] }> {
    const mappings = new Map(mappingsFor(dictionary).map((m) => [m.source, m]));
    const dtos: RegisterValueDto[] = [];
    for (const row of await this.repository.ofStructure(manager, year, finess)) {
      const mapping = mappings.get(row.source);
      if (!mapping?.items.some((i) => i.item === row.item_code) || typeof row.value !== 'number') continue;
      dtos.push({
        itemCode: row.item_code,
        source: row.source,
        sourceLabel: mapping.label,
        value: row.value,
        sourceDate: row.source_date,
        prefilledValue: typeof row.prefilled_value === 'number' ? row.prefilled_value : null,
        prefilledSourceDate: row.prefilled_source_date,
      });
    }
    return {
      dtos,
      references: dtos.map((d) => ({
        itemCode: d.itemCode,
        source: d.source,
        value: d.value,
        date: d.sourceDate,
      })),
    };
  }
}
