import { DomainError } from '../../common/errors/domain-error';
import type { AppConfig } from '../../config/app-config';
import type { CampaignJobsService } from '../computation/campaign-jobs.service';
import type { MetricsRepository } from './metrics.repository';
import { METRICS_DISABLED_MESSAGE, MetricsService } from './metrics.service';

const TOKEN = 'a'.repeat(64);
const service = (metricsToken: string | null) =>
  new MetricsService(
    { metricsToken } as AppConfig,
    'embedded',
    { poolStats: () => null } as unknown as MetricsRepository,
    {} as CampaignJobsService,
  );

const refusal = (run: () => void): DomainError | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error as DomainError;
  }
};

describe('MetricsService.authorize', () => {
  it('answers 404 while METRICS_TOKEN is unset, whatever the header: the route is off', () => {
    for (const header of [undefined, `Bearer ${TOKEN}`, 'Bearer ']) {
      const error = refusal(() => service(null).authorize(header));
      expect(error).toBeInstanceOf(DomainError);
      expect(error?.code).toBe('NOT_FOUND');
      expect(error?.userMessage).toBe(METRICS_DISABLED_MESSAGE);
    }
  });

  it('lets in the exact bearer token only', () => {
    const metrics = service(TOKEN);
    expect(refusal(() => metrics.authorize(`Bearer ${TOKEN}`))).toBeNull();
    for (const header of [
      undefined,
      '',
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN.slice(1)}`,
      `Bearer ${TOKEN}a`,
    ]) {
      expect(refusal(() => metrics.authorize(header))?.code).toBe('UNAUTHENTICATED');
    }
  });
});
