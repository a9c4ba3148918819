import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { MailModule } from '../mail/mail.module';
import { AccountTrailService } from './account-trail.service';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { GrantFactsService } from './grant-facts.service';
import { GrantInvitationsController } from './grant-invitations.controller';
import { GrantInvitationsRepository } from './grant-invitations.repository';
import { GrantInvitationsService } from './grant-invitations.service';
import { GrantOffersService } from './grant-offers.service';
import { GrantsService } from './grants.service';
import { ManagedAccountsRepository } from './managed-accounts.repository';
import { PrincipalTransferService } from './principal-transfer.service';
import { PrincipalsRepository } from './principals.repository';
import { ProvisioningService } from './provisioning.service';

/**
 * Accounts and their grants, delegated down the hierarchy (PLAGE-like), grants offered to people
 * one does not manage (accepted by them), the APE provisioning file, and the one principal
 * administrator (APR/APE) per organisation, replaced by transfer.
 */
@Module({
  imports: [IdentityModule, MailModule, AuditModule],
  controllers: [AccountsController, GrantInvitationsController],
  providers: [
    AccountsService,
    GrantsService,
    ProvisioningService,
    GrantFactsService,
    GrantOffersService,
    GrantInvitationsService,
    GrantInvitationsRepository,
    AccountTrailService,
    ManagedAccountsRepository,
    PrincipalsRepository,
    PrincipalTransferService,
  ],
})
export class AccountsModule {}
