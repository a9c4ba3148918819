import { Module } from '@nestjs/common';
import { ACCESS_DENIAL_RECORDER } from '../../common/errors/access-denials';
import { AccessDenialsService } from './access-denials.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** The audit log: written by every module inside its transactions, read by national and APRs. */
@Module({
  controllers: [AuditController],
  providers: [
    AuditService,
    AuditRepository,
    { provide: ACCESS_DENIAL_RECORDER, useClass: AccessDenialsService },
  ],
  exports: [AuditService, ACCESS_DENIAL_RECORDER],
})
export class AuditModule {}
