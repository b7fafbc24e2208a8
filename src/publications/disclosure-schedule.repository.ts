import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ScheduleRow {
  id: string;
  code: string;
  starts_at: Date | null;
  ends_at: Date | null;
  created_at: Date;
  disclosure_interval_days: number;
  last_as_of: Date | null;
  last_seq: number | null;
  has_activity: boolean;
}

/** Each campaign with its newest publication: what the disclosure schedule is computed from. */
@Injectable()
export class DisclosureScheduleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  campaigns(code?: string): Promise<ScheduleRow[]> {
    return this.dataSource.query(
      `SELECT c.id, c.code, c.starts_at, c.ends_at, c.created_at, c.disclosure_interval_days, p.as_of AS last_as_of, p.seq AS last_seq,
              (EXISTS (SELECT 1 FROM campaign_counters WHERE campaign_id = c.id AND donation_count <> 0)
               OR EXISTS (SELECT 1 FROM disbursements WHERE campaign_id = c.id)) AS has_activity
         FROM campaigns c
         LEFT JOIN LATERAL (SELECT as_of, seq FROM publications WHERE campaign_id = c.id ORDER BY seq DESC LIMIT 1) p ON true
        WHERE $1::text IS NULL OR c.code = $1
        ORDER BY c.created_at`,
      [code ?? null],
    );
  }
}
