import { applyDecorators } from '@nestjs/common';
import { ORGANISATION_KINDS, OrganisationRefDto } from '../../../common/validation/organisation-ref.dto';
import { PaginationQuery } from '../../../common/validation/pagination.query';
import {
  ACCOUNT_STATUSES,
  FormDomainsProperty,
  RoleProperty,
  TransferPreviousProperty,
  UserRightsProperty,
} from '../../identity/dto/enum-properties';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FORM_DOMAINS, ROLES, TRANSFER_PREVIOUS, USER_RIGHTS } from '@tdb/access';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type {
  AccountSearchQuery,
  AccountStatus,
  AddGrantRequest,
  CreateAccountRequest,
  FormDomain,
  GrantInput,
  OrganisationKind,
  OrganisationRef,
  PrincipalTransfer,
  Role,
  TransferPrevious,
  UpdateAccountRequest,
  UserRight,
} from '@tdb/contracts';

const KINDS = ORGANISATION_KINDS;
const RIGHTS = USER_RIGHTS;
const DOMAINS = FORM_DOMAINS;
const STATUSES = ACCOUNT_STATUSES;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const toList = ({ value }: { value: unknown }): string[] | undefined =>
  value === undefined || value === ''
    ? undefined
    : (Array.isArray(value) ? value : [value])
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter(Boolean);

export class GrantInputDto implements GrantInput {
  @ApiProperty({ type: OrganisationRefDto })
  @ValidateNested()
  @Type(() => OrganisationRefDto)
  organisation: OrganisationRefDto;

  @ApiProperty(RoleProperty)
  @IsIn(ROLES, { message: 'Rôle inconnu.' })
  role: Role;

  @ApiPropertyOptional(UserRightsProperty)
  @IsOptional()
  @IsArray()
  @IsIn(RIGHTS, { each: true, message: 'Droit inconnu.' })
  rights?: UserRight[];

  @ApiPropertyOptional({ ...FormDomainsProperty, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DOMAINS.length)
  @IsIn(DOMAINS, { each: true, message: 'Domaine du formulaire inconnu.' })
  entryDomains?: FormDomain[] | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-04-01', nullable: true })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'Date de début invalide (AAAA-MM-JJ).' })
  validFrom?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-08-31', nullable: true })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'Date de fin invalide (AAAA-MM-JJ).' })
  validUntil?: string | null;
}

/** What the current principal administrator becomes when someone else is designated. */
export class PrincipalTransferDto implements PrincipalTransfer {
  @ApiProperty({
    ...TransferPreviousProperty,
    description:
      'APR d’une ARS ou d’un Département : CONTROLLER, READER ou REVOKE ; APE d’un OG ou d’une structure : USER ou REVOKE (retrait de l’habilitation ; le compte est désactivé s’il n’en a pas d’autre).',
  })
  @IsIn(TRANSFER_PREVIOUS, { message: 'Transfert inconnu (CONTROLLER, READER, USER ou REVOKE).' })
  previous: TransferPrevious;

  @ApiPropertyOptional({
    ...UserRightsProperty,
    description: 'USER : droits conservés (par défaut tous).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(RIGHTS.length)
  @IsIn(RIGHTS, { each: true, message: 'Droit inconnu.' })
  rights?: UserRight[];
}

/** The optional transfer of a principal seat, on every request that designates an administrator. */
function TransferField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: PrincipalTransferDto,
      description:
        'Obligatoire pour désigner l’administrateur principal (APR, APE) d’une organisation qui en a déjà un.',
    }),
    IsOptional(),
    ValidateNested(),
    Type(() => PrincipalTransferDto),
  );
}

/** A grant added to an account one manages, with the transfer of a principal seat when needed. */
export class AddGrantDto extends GrantInputDto implements AddGrantRequest {
  @TransferField()
  transfer?: PrincipalTransferDto;
}

/** The organisation whose principal administrator seat is asked about. */
export class PrincipalSeatQueryDto implements OrganisationRef {
  @ApiProperty({ enum: ['ARS', 'CD', 'OG', 'ESMS'] })
  @IsIn(['ARS', 'CD', 'OG', 'ESMS'], { message: 'Type d’organisation inconnu (ARS, CD, OG ou ESMS).' })
  kind: OrganisationKind;

  @ApiProperty({ description: 'Code de région, de département ou numéro FINESS' })
  @IsString({ message: 'Code d’organisation manquant.' })
  @Matches(/^[0-9A-Z]{2,9}$/, { message: 'Code d’organisation invalide.' })
  code: string;
}

export class CreateAccountDto implements CreateAccountRequest {
  @ApiProperty()
  @IsEmail({}, { message: 'Adresse électronique invalide.' })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString({ message: 'Le prénom est obligatoire.' })
  @MinLength(1, { message: 'Le prénom est obligatoire.' })
  @MaxLength(100)
  firstName: string;

  @ApiProperty()
  @IsString({ message: 'Le nom est obligatoire.' })
  @MinLength(1, { message: 'Le nom est obligatoire.' })
  @MaxLength(100)
  lastName: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '01 23 45 67 89' })
  @IsOptional()
  @Matches(/^[+0-9 .()-]{6,25}$/, { message: 'Numéro de téléphone invalide.' })
  phone?: string | null;

  @ApiProperty({ type: GrantInputDto })
  @ValidateNested()
  @Type(() => GrantInputDto)
  grant: GrantInputDto;

  @TransferField()
  transfer?: PrincipalTransferDto;
}

export class UpdateAccountDto implements UpdateAccountRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'Le prénom est obligatoire.' })
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'Le nom est obligatoire.' })
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '01 23 45 67 89' })
  @IsOptional()
  @Matches(/^[+0-9 .()-]{6,25}$/, { message: 'Numéro de téléphone invalide.' })
  phone?: string | null;

  @ApiProperty()
  @IsInt({ message: 'La version doit être un entier.' })
  version: number;
}

export class AccountSearchQueryDto extends PaginationQuery implements AccountSearchQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;

  @ApiPropertyOptional({ example: 'APE,USER' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(ROLES, { each: true, message: 'Rôle inconnu.' })
  role?: Role[];

  @ApiPropertyOptional({ example: 'ESMS' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(KINDS, { each: true, message: 'Type d’organisation inconnu.' })
  organisationKind?: OrganisationKind[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9A-Z]{2,9}$/, { message: 'Code d’organisation invalide.' })
  organisationCode?: string;

  @ApiPropertyOptional({ example: 'ACTIVE' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(STATUSES, { each: true, message: 'Statut inconnu.' })
  status?: AccountStatus[];
}
