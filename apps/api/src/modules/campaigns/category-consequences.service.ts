import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { evaluateSubmission } from '@tdb/dictionary';
import { findCategory } from '@tdb/reference';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { factsOf, loadOgValues, mergedValues } from '../campaign-core/submission-context';
import { CampaignJobsService } from '../computation/campaign-jobs.service';
import { StructureRefresh } from '../computation/structure-refresh.service';
import {
  CategoryCorrectionHooks,
  type CategoryConsequence,
  type CategoryCorrected,
} from '../structures/category-correction.hooks';
import { SubmissionRowsRepository } from './submission-rows.repository';

const percent = (ratio: number): string => `${Math.round(ratio * 100)} %`;

/**
 * What a category correction carries into the campaigns not closed yet (issue 14 §4): the
 * submission's expected items and completeness are evaluated for the new category, its indicators
 * and atypia flags recomputed, and the campaign's distributions rescheduled so that the structure
 * counts among its new peers. Values already entered are kept (items of the old category stay in
 * the history and come back if the category is corrected back). Closed campaigns keep the figures
 * they published.
 */
@Injectable()
export class CategoryConsequences implements OnModuleInit {
  constructor(
    private readonly hooks: CategoryCorrectionHooks,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly rows: SubmissionRowsRepository,
    private readonly refresh: StructureRefresh,
    private readonly jobs: CampaignJobsService,
  ) {}

  onModuleInit(): void {
    this.hooks.register((manager, change) => this.follow(manager, change));
  }

  async follow(manager: EntityManager, change: CategoryCorrected): Promise<CategoryConsequence> {
    const submissions = await this.rows.inOpenCampaigns(manager, change.structure.finess);
    const sentences: string[] = [];
    const years: number[] = [];
    const peers = findCategory(change.structure.categoryCode)?.shortLabel ?? change.structure.categoryCode;
    for (const submission of submissions) {
      const year = submission.campaign_year;
      const campaign = await this.campaigns.row(year, manager);
      const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, manager);
      const og = await loadOgValues(manager, year, submission.og_finess, false);
      const values = mergedValues(submission.values, og.values, dictionary);
      const before = evaluateSubmission(dictionary, change.previous.categoryCode, values);
      const after = evaluateSubmission(dictionary, change.structure.categoryCode, values);
      await this.rows.setEvaluation(
        manager,
        year,
        submission.finess,
        after.completeness.ratio,
        after.blockingErrors,
      );
      await this.refresh.refresh(
        manager,
        { year, dictionary, facts: factsOf(submission) },
        submission.values,
        og.values,
      );
      years.push(year);
      sentences.push(
        `Campagne ${year} : ${after.completeness.expected} données attendues (au lieu de ${before.completeness.expected}), ` +
          `complétude ${percent(before.completeness.ratio)} → ${percent(after.completeness.ratio)} ; ` +
          `indicateurs et valeurs atypiques recalculés, comparaison avec les ${peers}.`,
      );
    }
    return {
      sentences,
      afterCommit: async () => {
        for (const year of years) await this.jobs.scheduleDistributions(year);
      },
    };
  }
}
