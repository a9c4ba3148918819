import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MailModule } from '../mail/mail.module';
import { CategoryCorrectionHooks } from './category-correction.hooks';
import { FinessImportController } from './finess-import.controller';
import { FinessImportRepository } from './finess-import.repository';
import { FinessImportService } from './finess-import.service';
import { StructuresController } from './structures.controller';
import { StructuresRepository } from './structures.repository';
import { StructuresService } from './structures.service';

@Module({
  imports: [
    MailModule,
    // The upload limit of the FINESS extract comes from UPLOAD_LIMIT_MB.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.uploadLimitMb * 1024 * 1024, files: 1 },
      }),
    }),
  ],
  controllers: [StructuresController, FinessImportController],
  providers: [
    StructuresService,
    StructuresRepository,
    CategoryCorrectionHooks,
    FinessImportService,
    FinessImportRepository,
  ],
  exports: [StructuresService, FinessImportService, CategoryCorrectionHooks],
})
export class StructuresModule {}
