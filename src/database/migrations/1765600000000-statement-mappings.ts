import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Column mappings of bank-statement layouts the importer does not know (issue 21): staff map the
 * columns of an export once, by header text, and choose the saved mapping on each later upload.
 * One list for the foundation; names unique regardless of case.
 */
export class StatementMappings1765600000000 implements MigrationInterface {
  name = 'StatementMappings1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statement_mappings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        columns jsonb NOT NULL CHECK (jsonb_typeof(columns) = 'object'),
        created_by uuid REFERENCES staff_users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX statement_mappings_name_key ON statement_mappings (lower(name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE statement_mappings`);
  }
}
