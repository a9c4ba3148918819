/** Swagger descriptions of "Mes étapes"; the shapes themselves are the contracts' interfaces. */
import { ApiProperty } from '@nestjs/swagger';
import type {
  CampaignPhaseCode,
  GuideBlockDto,
  GuideLinkDto,
  GuidePage,
  GuideRole,
  GuideStepDto,
  GuideStepState,
  MyStepsDto,
} from '@tdb/contracts';
import { PHASE_ENUM } from '../../campaigns/dto/campaign.response';

/** The values of a string union, listed once each (the compiler checks that none is missing). */
const valuesOf = <T extends string>(all: Record<T, true>): T[] => Object.keys(all) as T[];

const GUIDE_PAGES = valuesOf<GuidePage>({
  campaigns: true,
  followUp: true,
  scope: true,
  communication: true,
  referents: true,
  users: true,
  submissions: true,
  atypia: true,
  entry: true,
  restitution: true,
  territoryRestitution: true,
});
const STEP_STATES = valuesOf<GuideStepState>({ DONE: true, TODO: true, LATE: true, ONGOING: true });
const GUIDE_ROLES = valuesOf<GuideRole>({
  NATIONAL_ADMIN: true,
  APR: true,
  CONTROLLER: true,
  READER: true,
  APE: true,
  USER: true,
});

export class GuideLinkResponse implements GuideLinkDto {
  @ApiProperty({ enum: GUIDE_PAGES, description: 'La page de l’application où faire l’étape' })
  page: GuidePage;
  @ApiProperty({ example: 'Voir les saisies à confirmer' }) label: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { status: 'VALIDATED' },
    description: 'Paramètres de la page (filtres d’un tableau…)',
  })
  query: Record<string, string>;
}

export class GuideStepResponse implements GuideStepDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Dernier jour de l’étape (inclus)',
  })
  deadline: string | null;
  @ApiProperty({
    enum: STEP_STATES,
    description: 'DONE : fait ; TODO : reste à faire ; LATE : en retard ; ONGOING : à suivre',
  })
  state: GuideStepState;
  @ApiProperty({ type: String, nullable: true, example: '3 structures sur 12 ont validé' })
  progress: string | null;
  @ApiProperty({ type: GuideLinkResponse, nullable: true }) link: GuideLinkResponse | null;
}

export class GuideBlockResponse implements GuideBlockDto {
  @ApiProperty({ enum: GUIDE_ROLES }) role: GuideRole;
  @ApiProperty({ example: 'Administrateur principal (APR) – ARS Centre-Val de Loire' }) label: string;
  @ApiProperty({ type: [GuideStepResponse] }) steps: GuideStepResponse[];
}

export class MyStepsResponse implements MyStepsDto {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty(PHASE_ENUM) phase: CampaignPhaseCode;
  @ApiProperty({ example: 'Collecte' }) phaseLabel: string;
  @ApiProperty({ description: 'Version des données du guide de campagne' }) guideVersion: string;
  @ApiProperty({ type: [GuideBlockResponse], description: 'Un bloc par profil de la personne' })
  blocks: GuideBlockResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Le FINESS de la seule structure du périmètre, quand il n’y en a qu’une',
  })
  onlyFiness: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Le FINESS juridique du seul organisme gestionnaire du périmètre, quand il n’y en a qu’un',
  })
  onlyOgFiness: string | null;
}
