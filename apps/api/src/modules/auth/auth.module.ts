import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { JwtStrategy } from '../../common/auth/jwt.strategy';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { MailModule } from '../mail/mail.module';
import { SettingsModule } from '../settings/settings.module';
import { AuthController } from './auth.controller';
import { OidcProviderClient } from './oidc-provider.client';
import { OidcSignInService } from './oidc-sign-in.service';
import { OidcSignInsRepository } from './oidc-sign-ins.repository';
import { OidcController } from './oidc.controller';
import { PasswordsService } from './passwords.service';
import { SecondFactorService } from './second-factor.service';
import { RefreshFailures } from './refresh-failures';
import { SessionsService } from './sessions.service';

/**
 * Authentication: sign-in (password, or an OpenID Connect provider), sessions and their tokens,
 * passwords, the second factor.
 */
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [
        { name: 'auth', ttl: 60_000, limit: config.auth.throttlePerMinute },
      ],
    }),
    IdentityModule,
    MailModule,
    AuditModule,
    SettingsModule,
  ],
  controllers: [AuthController, OidcController],
  providers: [
    JwtStrategy,
    SessionsService,
    PasswordsService,
    SecondFactorService,
    RefreshFailures,
    OidcProviderClient,
    OidcSignInService,
    OidcSignInsRepository,
  ],
})
export class AuthModule {}
