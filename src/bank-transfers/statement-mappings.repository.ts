import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { StatementColumns } from './statement-layouts';

export interface StatementMappingRow {
  id: string;
  name: string;
  columns: StatementColumns;
  createdAt: Date;
  updatedAt: Date;
}

type Raw = { id: string; name: string; columns: StatementColumns; created_at: Date; updated_at: Date };

const map = (r: Raw): StatementMappingRow => ({ id: r.id, name: r.name, columns: r.columns, createdAt: r.created_at, updatedAt: r.updated_at });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Saved column mappings of statement layouts (statement_mappings). */
@Injectable()
export class StatementMappingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<StatementMappingRow[]> {
    const rows: Raw[] = await this.dataSource.query(`SELECT * FROM statement_mappings ORDER BY lower(name)`);
    return rows.map(map);
  }

  async find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<StatementMappingRow | null> {
    if (!UUID.test(id)) return null;
    const [row]: Raw[] = await m.query(`SELECT * FROM statement_mappings WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? map(row) : null;
  }

  async insert(m: EntityManager, mapping: { name: string; columns: StatementColumns; createdBy: string }): Promise<StatementMappingRow> {
    const [row]: Raw[] = await m.query(`INSERT INTO statement_mappings (name, columns, created_by) VALUES ($1, $2::jsonb, $3) RETURNING *`, [
      mapping.name,
      JSON.stringify(mapping.columns),
      mapping.createdBy,
    ]);
    return map(row);
  }

  async update(m: EntityManager, id: string, mapping: { name: string; columns: StatementColumns }): Promise<StatementMappingRow> {
    const [rows]: [Raw[], number] = await m.query(
      `UPDATE statement_mappings SET name = $2, columns = $3::jsonb, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, mapping.name, JSON.stringify(mapping.columns)],
    );
    return map(rows[0]);
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM statement_mappings WHERE id = $1`, [id]);
  }
}
