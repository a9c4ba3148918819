import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { JwtStrategy } from '../../common/auth/jwt.strategy';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ApiTokensController } from '../api-tokens/api-tokens.controller';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { AuditController } from '../audit/audit.controller';
import { SettingsController } from '../settings/settings.controller';
import { AuditService } from '../audit/audit.service';
import { AuthController } from '../auth/auth.controller';
import { AuthService } from '../auth/auth.service';
import { EmailsController } from '../mail/emails.controller';
import { MailService } from '../mail/mail.service';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';

/** Accounts, authentication, emails and audit: they share one lifecycle (PLAGE-like delegation). */
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.auth.jwtSecret }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [
        { name: 'auth', ttl: 60_000, limit: config.auth.throttlePerMinute },
      ],
    }),
  ],
  controllers: [
    AuthController,
    AccountsController,
    EmailsController,
    AuditController,
    ApiTokensController,
    SettingsController,
  ],
  providers: [JwtStrategy, AuthService, AccountsService, MailService, AuditService, ApiTokensService],
  exports: [AccountsService, AuthService, MailService, AuditService],
})
export class AccountsModule {}
