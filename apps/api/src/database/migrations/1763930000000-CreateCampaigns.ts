import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns and data entry: the dictionary versions campaigns are pinned to, campaigns with their
 * phase dates, one submission per campaign × ESMS (values as one JSONB document), the OG-level
 * values, status transitions, value history, authority referents and campaign emails.
 */
export class CreateCampaigns1763930000000 implements MigrationInterface {
  name = 'CreateCampaigns1763930000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dictionary_versions (
        version text PRIMARY KEY,
        campaign_year integer NOT NULL,
        content jsonb NOT NULL,
        content_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE campaigns (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        dictionary_version text NOT NULL REFERENCES dictionary_versions (version),
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'OPEN', 'CLOSED')),
        launch_date date NOT NULL,
        accounts_setup_date date NOT NULL,
        collection_start date NOT NULL,
        collection_end date NOT NULL,
        fiabilisation_start date NOT NULL,
        fiabilisation_end date NOT NULL,
        restitution_start date NOT NULL,
        closed_on date,
        threshold numeric(4, 3) NOT NULL CHECK (threshold > 0 AND threshold <= 1),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (launch_date <= accounts_setup_date AND accounts_setup_date <= collection_start
          AND collection_start <= collection_end AND collection_end < fiabilisation_start
          AND fiabilisation_start <= fiabilisation_end AND fiabilisation_end < restitution_start)
      )`);
    await queryRunner.query(`
      CREATE TABLE submissions (
        campaign_year integer NOT NULL REFERENCES campaigns (year) ON DELETE CASCADE,
        finess char(9) NOT NULL REFERENCES structures (finess),
        in_scope boolean NOT NULL DEFAULT true,
        scope_reason text,
        status text NOT NULL DEFAULT 'NOT_STARTED'
          CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'VALIDATED', 'INVALIDATED', 'CONFIRMED')),
        consulted_by_cd boolean NOT NULL DEFAULT false,
        reopened_by_authority boolean NOT NULL DEFAULT false,
        values jsonb NOT NULL DEFAULT '{}',
        completeness numeric(5, 4) NOT NULL DEFAULT 0,
        blocking_errors integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        validated_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        PRIMARY KEY (campaign_year, finess)
      )`);
    await queryRunner.query(`CREATE INDEX submissions_finess_idx ON submissions (finess)`);
    await queryRunner.query(`CREATE INDEX submissions_status_idx ON submissions (campaign_year, status)`);
    await queryRunner.query(`
      CREATE TABLE og_submissions (
        campaign_year integer NOT NULL REFERENCES campaigns (year) ON DELETE CASCADE,
        og_finess char(9) NOT NULL REFERENCES managing_organisations (finess),
        values jsonb NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        PRIMARY KEY (campaign_year, og_finess)
      )`);
    await queryRunner.query(`
      CREATE TABLE submission_transitions (
        id bigserial PRIMARY KEY,
        campaign_year integer NOT NULL,
        finess char(9) NOT NULL,
        action text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        reason text,
        actor_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
        actor_name text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (campaign_year, finess) REFERENCES submissions (campaign_year, finess) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX submission_transitions_submission_idx ON submission_transitions (campaign_year, finess, at)`,
    );
    await queryRunner.query(`
      CREATE TABLE value_history (
        id bigserial PRIMARY KEY,
        campaign_year integer NOT NULL,
        holder_finess char(9) NOT NULL,
        og_level boolean NOT NULL DEFAULT false,
        item_code text NOT NULL,
        old_value jsonb,
        new_value jsonb,
        source text NOT NULL CHECK (source IN ('FORM', 'EXCEL', 'BULK', 'PREVIOUS_YEAR', 'SEED')),
        actor_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
        actor_name text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX value_history_item_idx ON value_history (campaign_year, holder_finess, item_code, at)`,
    );
    await queryRunner.query(`
      CREATE TABLE authority_referents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_kind text NOT NULL CHECK (organisation_kind IN ('ARS', 'CD')),
        organisation_code text NOT NULL,
        name text NOT NULL,
        email text NOT NULL,
        phone text,
        role_label text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX authority_referents_organisation_idx ON authority_referents (organisation_kind, organisation_code)`,
    );
    await queryRunner.query(`
      CREATE TABLE campaign_mailings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_year integer NOT NULL REFERENCES campaigns (year) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('LAUNCH', 'REMINDER')),
        organisation_kind text NOT NULL CHECK (organisation_kind IN ('NATIONAL', 'ARS', 'CD')),
        organisation_code text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        recipients integer NOT NULL,
        structures integer NOT NULL,
        sent_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'campaign_mailings',
      'authority_referents',
      'value_history',
      'submission_transitions',
      'og_submissions',
      'submissions',
      'campaigns',
      'dictionary_versions',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
