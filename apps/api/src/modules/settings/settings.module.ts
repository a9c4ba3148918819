import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthoritySignInController } from './authority-sign-in.controller';
import { AuthoritySignInRepository } from './authority-sign-in.repository';
import { AuthoritySignInService } from './authority-sign-in.service';
import { SettingsController } from './settings.controller';
import { SettingsRepository } from './settings.repository';
import { SettingsService } from './settings.service';

/**
 * The platform's settings: the second factor required for administrators, the authorities whose
 * staff must sign in through the identity provider.
 */
@Module({
  imports: [AuditModule],
  controllers: [SettingsController, AuthoritySignInController],
  providers: [SettingsService, SettingsRepository, AuthoritySignInService, AuthoritySignInRepository],
  exports: [SettingsService, AuthoritySignInService],
})
export class SettingsModule {}
