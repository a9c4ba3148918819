import { Module } from '@nestjs/common';
import { CampaignRepository } from './campaign.repository';
import { DictionaryRegistry } from './dictionary-registry.service';
import { DictionaryVersionsRepository } from './dictionary-versions.repository';
import { SubmissionContextRepository } from './submission-context.repository';

/**
 * What every campaign feature stands on: the campaign row and its phases, the dictionary of each
 * campaign, a submission joined with its structure, the `:year` pipe. It imports no other feature
 * module, so that computation, submissions, review, restitution and exports can all import it.
 */
@Module({
  providers: [
    CampaignRepository,
    DictionaryVersionsRepository,
    DictionaryRegistry,
    SubmissionContextRepository,
  ],
  exports: [CampaignRepository, DictionaryRegistry],
})
export class CampaignCoreModule {}
