import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regional support (issue 17 §2): the structures' questions to the referents of their ARS /
 * Département, their threads, and the FAQ (regional, national) made of anonymised answers. The
 * FAQ's `search_text` is the question and answer lower-cased without accents (written by the API,
 * as the structures' one), so that the search needs no `unaccent` extension.
 */
export class SupportQuestions1764082000000 implements MigrationInterface {
  name = 'SupportQuestions1764082000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE support_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_year integer NOT NULL REFERENCES campaigns (year) ON DELETE CASCADE,
        finess char(9) NOT NULL REFERENCES structures (finess) ON DELETE CASCADE,
        subject text NOT NULL,
        page_path text,
        item_code text,
        indicator_code text,
        status text NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW', 'ANSWERED', 'CLOSED')),
        asked_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        asked_by_name text NOT NULL,
        assigned_to uuid REFERENCES accounts (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        first_answered_at timestamptz,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(
      `CREATE INDEX support_questions_campaign_idx ON support_questions (campaign_year, status, created_at)`,
    );
    await queryRunner.query(`CREATE INDEX support_questions_finess_idx ON support_questions (finess)`);
    await queryRunner.query(`
      CREATE TABLE support_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        question_id uuid NOT NULL REFERENCES support_questions (id) ON DELETE CASCADE,
        side text NOT NULL CHECK (side IN ('STRUCTURE', 'AUTHORITY')),
        author_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
        author_name text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX support_messages_question_idx ON support_messages (question_id, created_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE faq_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_year integer NOT NULL REFERENCES campaigns (year) ON DELETE CASCADE,
        level text NOT NULL CHECK (level IN ('REGION', 'NATIONAL')),
        region_code text,
        question text NOT NULL,
        answer text NOT NULL,
        item_code text,
        indicator_code text,
        category_code text,
        search_text text NOT NULL,
        source_question_id uuid UNIQUE REFERENCES support_questions (id) ON DELETE SET NULL,
        authority_kind text CHECK (authority_kind IN ('ARS', 'CD')),
        authority_code text,
        published_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        published_by_name text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        proposed_national boolean NOT NULL DEFAULT false,
        national_published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CHECK ((level = 'NATIONAL') = (region_code IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX faq_entries_campaign_idx ON faq_entries (campaign_year, region_code)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE faq_entries`);
    await queryRunner.query(`DROP TABLE support_messages`);
    await queryRunner.query(`DROP TABLE support_questions`);
  }
}
