/** Swagger description of an account as the API answers it (AccountsRepository.view). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Account, AccountStatus, FormDomain, Grant, Role, UserRight } from '@tdb/contracts';
import { OrganisationRefDto } from '../../../common/validation/organisation-ref.dto';
import {
  AccountStatusProperty,
  FormDomainsProperty,
  RoleProperty,
  UserRightsProperty,
} from './enum-properties';

export class GrantResponse implements Grant {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: OrganisationRefDto }) organisation: OrganisationRefDto;
  @ApiProperty(RoleProperty) role: Role;
  @ApiProperty({ ...UserRightsProperty, description: 'Utilisateur : ses droits ; APE : tous' })
  rights: UserRight[];
  @ApiProperty({
    ...FormDomainsProperty,
    nullable: true,
    description: 'Saisie limitée à ces domaines du formulaire ; null : tous',
  })
  entryDomains: FormDomain[] | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Début de validité (inclus)' })
  validFrom: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Fin de validité (incluse)' })
  validUntil: string | null;
  @ApiProperty({ example: 'ARS Centre-Val de Loire' }) organisationLabel: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Compte qui l’a donnée' })
  createdBy: string | null;
  @ApiPropertyOptional({
    description:
      'Habilitation d’administrateur principal (APR, APE) seulement : son organisation en a plusieurs (comptes antérieurs à la règle) ; n’en garder qu’un',
  })
  duplicatePrincipal?: boolean;
}

export class AccountResponse implements Account {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty(AccountStatusProperty) status: AccountStatus;
  @ApiProperty() totpEnabled: boolean;
  @ApiProperty({
    type: [GrantResponse],
    description: 'Les habilitations que l’appelant gère (toutes pour soi-même et l’administrateur national)',
  })
  grants: GrantResponse[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Version à renvoyer pour modifier le compte' }) version: number;
}
