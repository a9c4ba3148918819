/** Swagger descriptions of the accounts' responses; the shapes themselves are the contracts' interfaces. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  Account,
  AccountStatus,
  FormDomain,
  GrantInvitationInfo,
  GrantOfferResult,
  Paginated,
  PrincipalHolder,
  PrincipalSeat,
  ProvisioningLineResult,
  ProvisioningReport,
  Role,
  TransferPrevious,
  UserRight,
} from '@tdb/contracts';
import { OrganisationRefDto } from '../../../common/validation/organisation-ref.dto';
import {
  AccountStatusProperty,
  FormDomainsProperty,
  RoleProperty,
  TransferPreviousProperty,
  UserRightsProperty,
} from '../../identity/dto/enum-properties';
import { AccountResponse } from '../../identity/dto/account.response';

export class AccountPageResponse implements Paginated<Account> {
  @ApiProperty({ type: [AccountResponse] }) items: AccountResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class GrantOfferResultResponse implements GrantOfferResult {
  @ApiProperty({
    enum: ['INVITED', 'GRANT_ADDED'],
    description:
      'INVITED : invitation envoyée (l’habilitation prendra effet une fois acceptée) ; GRANT_ADDED : ajoutée aussitôt à un compte que vous gérez',
  })
  outcome: 'INVITED' | 'GRANT_ADDED';
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ description: 'Compte rendu en français, pour la personne qui a demandé' }) message: string;
  @ApiProperty({ type: AccountResponse, nullable: true, description: 'GRANT_ADDED seulement : le compte' })
  account: AccountResponse | null;
}

export class PrincipalHolderResponse implements PrincipalHolder {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty(AccountStatusProperty) status: AccountStatus;
}

export class PrincipalSeatResponse implements PrincipalSeat {
  @ApiProperty({ type: OrganisationRefDto }) organisation: OrganisationRefDto;
  @ApiProperty() organisationLabel: string;
  @ApiProperty({
    enum: ['APR', 'APE'],
    description: 'APR d’une ARS ou d’un CD, APE d’un OG ou d’une structure',
  })
  role: 'APR' | 'APE';
  @ApiProperty({
    type: [PrincipalHolderResponse],
    description:
      'Les titulaires actuels dont vous gérez le compte (un, ou plusieurs hérités d’avant la règle)',
  })
  holders: PrincipalHolderResponse[];
  @ApiProperty({ description: 'Titulaires dont vous ne gérez pas le compte : comptés, jamais nommés' })
  undisclosed: number;
  @ApiProperty({
    ...TransferPreviousProperty,
    isArray: true,
    description: 'Ce que l’actuel titulaire peut devenir quand une autre personne est désignée',
  })
  transferOptions: TransferPrevious[];
}

export class ProvisioningLineResultResponse implements ProvisioningLineResult {
  @ApiProperty() line: number;
  @ApiProperty() finess: string;
  @ApiProperty() email: string;
  @ApiProperty({
    enum: ['invited', 'grant_added', 'unchanged'],
    description:
      'invited : invitation envoyée (nouveau compte, ou compte que vous ne gérez pas) ; grant_added, unchanged : un compte que vous gérez',
  })
  outcome: 'invited' | 'grant_added' | 'unchanged';
  @ApiPropertyOptional({
    ...TransferPreviousProperty,
    description: 'La ligne a remplacé l’administrateur principal de l’organisation : ce qu’il est devenu',
  })
  transfer?: TransferPrevious;
}

export class ProvisioningLineErrorResponse {
  @ApiProperty() line: number;
  @ApiProperty() message: string;
}

export class ProvisioningReportResponse implements ProvisioningReport {
  @ApiProperty() applied: boolean;
  @ApiProperty({ description: 'Invitations envoyées' }) invited: number;
  @ApiProperty() grantsAdded: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [ProvisioningLineResultResponse] }) lines: ProvisioningLineResultResponse[];
  @ApiProperty({ type: [ProvisioningLineErrorResponse] }) errors: ProvisioningLineErrorResponse[];
}

/** What the 422 of an APE file refused as a whole adds to the error shape: the report line by line. */
export class ProvisioningRejectedDetails {
  @ApiProperty({
    type: ProvisioningReportResponse,
    description: 'Le compte rendu par ligne (rien n’a été créé)',
  })
  report: ProvisioningReportResponse;
}

export class GrantInvitationInfoResponse implements GrantInvitationInfo {
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty(RoleProperty) role: Role;
  @ApiProperty() organisationLabel: string;
  @ApiProperty(UserRightsProperty) rights: UserRight[];
  @ApiProperty({ ...FormDomainsProperty, nullable: true, description: 'null : tous les domaines' })
  entryDomains: FormDomain[] | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Nom de la personne qui l’a proposée' })
  invitedBy: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED'] })
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';
  @ApiProperty({
    description:
      'La proposition fait de vous l’administrateur principal de l’organisation, à la place de l’actuel',
  })
  principalTransfer: boolean;
}
