import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CampaignCoreModule } from '../campaign-core/campaign-core.module';
import { RegisterImportController } from './register-import.controller';
import { RegisterImportRepository } from './register-import.repository';
import { RegisterImportService } from './register-import.service';
import { RegisterPrefillRepository } from './register-prefill.repository';
import { RegisterPrefill } from './register-prefill.service';

/**
 * The State's registers that prefill submissions (issue 17 §3): their import (FINESS equipment),
 * the values their mappings give, the prefill of submissions and the values a submission's page
 * compares. Above campaign-core, below campaigns (which shows and creates submissions).
 */
@Module({
  imports: [
    CampaignCoreModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.uploadLimitMb * 1024 * 1024, files: 1 },
      }),
    }),
  ],
  controllers: [RegisterImportController],
  providers: [RegisterImportService, RegisterImportRepository, RegisterPrefill, RegisterPrefillRepository],
  exports: [RegisterPrefill, RegisterImportService],
})
export class RegistersModule {}
