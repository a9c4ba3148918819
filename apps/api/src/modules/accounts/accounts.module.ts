import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { MailModule } from '../mail/mail.module';
import { AccountTrailService } from './account-trail.service';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { GrantFactsService } from './grant-facts.service';
import { GrantsService } from './grants.service';
import { ManagedAccountsRepository } from './managed-accounts.repository';
import { ProvisioningService } from './provisioning.service';

/** Accounts and their grants, delegated down the hierarchy (PLAGE-like), and the APE provisioning file. */
@Module({
  imports: [IdentityModule, MailModule, AuditModule],
  controllers: [AccountsController],
  providers: [
    AccountsService,
    GrantsService,
    ProvisioningService,
    GrantFactsService,
    AccountTrailService,
    ManagedAccountsRepository,
  ],
})
export class AccountsModule {}
