import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { AccountsRepository } from './accounts.repository';
import { LoginThrottlesRepository } from './login-throttles.repository';
import { OneTimeTokensService } from './one-time-tokens.service';
import { SessionsRepository } from './sessions.repository';

/**
 * Who a person is to the platform: the accounts, grants, sessions and single-use links tables, shared
 * by authentication (below) and account management (above) so that neither imports the other.
 */
@Module({
  imports: [MailModule],
  providers: [AccountsRepository, LoginThrottlesRepository, OneTimeTokensService, SessionsRepository],
  exports: [AccountsRepository, LoginThrottlesRepository, OneTimeTokensService, SessionsRepository],
})
export class IdentityModule {}
