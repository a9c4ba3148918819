import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AccessDenial, AccessDenialRecorder } from '../../common/errors/access-denials';
import { AuditRepository } from './audit.repository';
import { DenialRateLimit } from './denial-rate-limit';

/** Writes refused accesses (403) to the audit log, rate-limited (DenialRateLimit). */
@Injectable()
export class AccessDenialsService implements AccessDenialRecorder {
  private readonly logger = new Logger(AccessDenialsService.name);
  private readonly limit = new DenialRateLimit();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AuditRepository,
  ) {}

  async record(denial: AccessDenial): Promise<void> {
    const caller = denial.accountId ?? denial.ipAddress ?? 'unknown';
    const admission = this.limit.admit(`${caller} ${denial.method} ${denial.route}`);
    if (!admission.write) {
      if (admission.reason === 'too many this minute' && this.limit.droppedThisMinute === 1)
        this.logger.warn('Refused accesses beyond the audit rate limit this minute are only counted');
      return;
    }
    await this.repository.insert(this.dataSource.manager, {
      actorId: denial.accountId,
      actorEmail: denial.email,
      action: 'access.denied',
      targetType: 'route',
      targetLabel: `${denial.method} ${denial.route}`,
      details: {
        message: denial.message,
        // Refusals of this caller on this route since its previous entry, not written on their own.
        notRecordedBefore: admission.notRecordedBefore,
      },
      ipAddress: denial.ipAddress,
    });
  }
}
