import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';

/** API tokens of ARS and CD, for their regional integrations. */
@Module({
  imports: [AuditModule],
  controllers: [ApiTokensController],
  providers: [ApiTokensService, ApiTokensRepository],
})
export class ApiTokensModule {}
