import { CreateStructuresRegistry1763900000000 } from './1763900000000-CreateStructuresRegistry';
import { CreateAccounts1763910000000 } from './1763910000000-CreateAccounts';
import { CreateApiTokens1763920000000 } from './1763920000000-CreateApiTokens';
import { CreateCampaigns1763930000000 } from './1763930000000-CreateCampaigns';
import { CreateIndicatorValues1763940000000 } from './1763940000000-CreateIndicatorValues';
import { CreateAtypia1763950000000 } from './1763950000000-CreateAtypia';
import { CreateDistributions1763960000000 } from './1763960000000-CreateDistributions';
import { AddIndicatorsComputedAt1763970000000 } from './1763970000000-AddIndicatorsComputedAt';
import { DropIndicatorValuesSubmissionKey1763980000000 } from './1763980000000-DropIndicatorValuesSubmissionKey';
import { CompactIndicatorDetails1763990000000 } from './1763990000000-CompactIndicatorDetails';
import { CreateDerivationMarks1764000000000 } from './1764000000000-CreateDerivationMarks';
import { CreateGrantInvitations1764010000000 } from './1764010000000-CreateGrantInvitations';
import { CreateLoginThrottles1764020000000 } from './1764020000000-CreateLoginThrottles';
import { IndicatorsPerStructure1764030000000 } from './1764030000000-IndicatorsPerStructure';
import { PrincipalTransfers1764041400000 } from './1764041400000-PrincipalTransfers';
import { CreateSubmissionExtensions1764050000000 } from './1764050000000-CreateSubmissionExtensions';
import { StructureHistoryConsequences1764060000000 } from './1764060000000-StructureHistoryConsequences';
import { StructureIndicatorsUncompressed1764070000000 } from './1764070000000-StructureIndicatorsUncompressed';
import { SubmissionValuesUncompressed1764075000000 } from './1764075000000-SubmissionValuesUncompressed';
import { OidcIdentities1764081000000 } from './1764081000000-OidcIdentities';
import { SupportQuestions1764082000000 } from './1764082000000-SupportQuestions';
import { RegisterSources1764083000000 } from './1764083000000-RegisterSources';
import { DistributionsWithoutForeignKey1764084000000 } from './1764084000000-DistributionsWithoutForeignKey';

/** Every migration, in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [
  CreateStructuresRegistry1763900000000,
  CreateAccounts1763910000000,
  CreateApiTokens1763920000000,
  CreateCampaigns1763930000000,
  CreateIndicatorValues1763940000000,
  CreateAtypia1763950000000,
  CreateDistributions1763960000000,
  AddIndicatorsComputedAt1763970000000,
  DropIndicatorValuesSubmissionKey1763980000000,
  CompactIndicatorDetails1763990000000,
  CreateDerivationMarks1764000000000,
  CreateGrantInvitations1764010000000,
  CreateLoginThrottles1764020000000,
  IndicatorsPerStructure1764030000000,
  PrincipalTransfers1764041400000,
  CreateSubmissionExtensions1764050000000,
  StructureHistoryConsequences1764060000000,
  StructureIndicatorsUncompressed1764070000000,
  SubmissionValuesUncompressed1764075000000,
  OidcIdentities1764081000000,
  SupportQuestions1764082000000,
  RegisterSources1764083000000,
  DistributionsWithoutForeignKey1764084000000,
];
