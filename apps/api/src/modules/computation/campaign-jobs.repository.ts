import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CampaignJobDto } from '@tdb/contracts';

export type JobKind = 'RECOMPUTE_INDICATORS' | 'RECOMPUTE_ATYPIA';

/** The schema of pg-boss's tables (server only), in the platform's own database. */
export const JOB_QUEUE_SCHEMA = 'pgboss';

/** A campaign job not finished yet, with its progress (for the metrics). */
export interface JobProgressRow {
  campaign_year: number;
  kind: JobKind;
  status: 'QUEUED' | 'RUNNING';
  total: number;
  done: number;
}

export interface JobRow {
  id: string;
  campaign_year: number;
  kind: JobKind;
  status: CampaignJobDto['status'];
  total: number;
  done: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export const toJobDto = (row: JobRow): CampaignJobDto => ({
  id: row.id,
  campaignYear: row.campaign_year,
  kind: row.kind,
  status: row.status,
  total: row.total,
  done: row.done,
  error: row.error,
  createdAt: new Date(row.created_at).toISOString(),
  startedAt: row.started_at ? new Date(row.started_at).toISOString() : null,
  finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
});

/** `campaign_jobs`: a campaign's background work and its progress. */
@Injectable()
export class CampaignJobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<JobRow | undefined> {
    const rows: JobRow[] = await this.dataSource.query(`SELECT * FROM campaign_jobs WHERE id = $1`, [id]);
    return rows[0];
  }

  async list(year: number): Promise<JobRow[]> {
    return this.dataSource.query(
      `SELECT * FROM campaign_jobs WHERE campaign_year = $1 ORDER BY created_at DESC LIMIT 20`,
      [year],
    );
  }

  /** Jobs queued or running (to send again at start). */
  async pending(): Promise<{ id: string }[]> {
    return this.dataSource.query(
      `SELECT id FROM campaign_jobs WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at`,
    );
  }

  /** Locks the campaign's row: one recompute of a campaign starts at a time. */
  async lockCampaign(manager: EntityManager, year: number): Promise<void> {
    await manager.query(`SELECT year FROM campaigns WHERE year = $1 FOR UPDATE`, [year]);
  }

  async running(manager: EntityManager, year: number): Promise<JobRow[]> {
    return manager.query(
      `SELECT * FROM campaign_jobs WHERE campaign_year = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [year],
    );
  }

  /** A new job of `kind` over every submission of the campaign. */
  async insert(
    manager: EntityManager,
    year: number,
    kind: JobKind,
    createdBy: string | null,
  ): Promise<JobRow> {
    const rows: JobRow[] = await manager.query(
      `INSERT INTO campaign_jobs (campaign_year, kind, total, created_by)
       SELECT $1, $2, count(*), $3 FROM submissions WHERE campaign_year = $1 RETURNING *`,
      [year, kind, createdBy],
    );
    return rows[0] as JobRow;
  }

  async markRunning(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE campaign_jobs SET status = 'RUNNING', started_at = coalesce(started_at, now()), error = NULL WHERE id = $1`,
      [id],
    );
  }

  async markDone(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE campaign_jobs SET status = 'DONE', done = total, finished_at = now() WHERE id = $1`,
      [id],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE campaign_jobs SET status = 'FAILED', error = $2 WHERE id = $1`, [
      id,
      error.slice(0, 1000),
    ]);
  }

  /**
   * A job interrupted by a stop goes back to the queue (not FAILED: nothing went wrong), to be
   * resumed from its marks by whichever process runs the jobs next.
   */
  async markQueued(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE campaign_jobs SET status = 'QUEUED' WHERE id = $1 AND status = 'RUNNING'`,
      [id],
    );
  }

  /** The jobs queued or running and how far they are. */
  async progress(): Promise<JobProgressRow[]> {
    return this.dataSource.query(
      `SELECT campaign_year, kind, status, total, done FROM campaign_jobs
        WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at`,
    );
  }

  /**
   * Releases the lease this process holds on a pg-boss job it stops working on: the job is waiting
   * again from now on, without spending one of its retries (started_on is what pg-boss counts
   * them by), so another process takes it at its next poll instead of when the lease would
   * expire (an hour). A distributions job whose campaign already has one waiting (one per
   * campaign: "stately" queue) is simply done, the waiting one recomputes the same.
   */
  async releaseLease(queue: string, id: string): Promise<'created' | 'completed' | null> {
    const rows: { state: 'created' | 'completed' }[] = await this.dataSource.query(
      `WITH target AS (
         SELECT j.id, EXISTS (
                  SELECT 1 FROM ${JOB_QUEUE_SCHEMA}.job o
                   WHERE o.name = j.name AND o.id <> j.id AND o.state = 'created'
                     AND j.policy = 'stately' AND o.singleton_key IS NOT DISTINCT FROM j.singleton_key
                ) AS covered
           FROM ${JOB_QUEUE_SCHEMA}.job j
          WHERE j.name = $1 AND j.id = $2 AND j.state = 'active'
       )
       UPDATE ${JOB_QUEUE_SCHEMA}.job j
          SET state = (CASE WHEN t.covered THEN 'completed' ELSE 'created' END)::${JOB_QUEUE_SCHEMA}.job_state,
              completed_on = CASE WHEN t.covered THEN now() END,
              start_after = now(),
              started_on = NULL
         FROM target t
        WHERE j.name = $1 AND j.id = t.id
       RETURNING j.state::text AS state`,
      [queue, id],
    );
    return rows[0]?.state ?? null;
  }

  /** Jobs of the pg-boss queues `queues` waiting (created, retry) or under a lease (active). */
  async queueDepth(queues: string[]): Promise<{ queue: string; state: string; jobs: number }[]> {
    return this.dataSource.query(
      `SELECT name AS queue, state::text AS state, count(*)::int AS jobs
         FROM ${JOB_QUEUE_SCHEMA}.job
        WHERE name = ANY($1) AND state IN ('created', 'retry', 'active')
        GROUP BY name, state`,
      [queues],
    );
  }

  /** Progress, committed with the batch it counts (a batch never counts twice: done rows are skipped). */
  async advance(manager: EntityManager, id: string, structures: number): Promise<void> {
    await manager.query(`UPDATE campaign_jobs SET done = least(total, done + $2) WHERE id = $1`, [
      id,
      structures,
    ]);
  }

  /** Campaigns with peers (validated or confirmed) but no distributions, and no job under way. */
  async withoutDistributions(): Promise<{ year: number }[]> {
    return this.dataSource.query(
      `SELECT c.year FROM campaigns c
        WHERE NOT EXISTS (SELECT 1 FROM distributions d WHERE d.campaign_year = c.year)
          AND EXISTS (SELECT 1 FROM submissions s
                       WHERE s.campaign_year = c.year AND s.status IN ('VALIDATED', 'CONFIRMED'))
          AND NOT EXISTS (SELECT 1 FROM campaign_jobs j
                           WHERE j.campaign_year = c.year AND j.status IN ('QUEUED', 'RUNNING'))`,
    );
  }
}
