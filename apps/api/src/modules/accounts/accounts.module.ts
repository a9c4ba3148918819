import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { JwtStrategy } from '../../common/auth/jwt.strategy';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditController } from '../audit/audit.controller';
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
  controllers: [AuthController, AccountsController, EmailsController, AuditController],
  providers: [JwtStrategy, AuthService, AccountsService, MailService, AuditService],
  exports: [AccountsService, AuthService, MailService, AuditService],
})
export class AccountsModule {}
