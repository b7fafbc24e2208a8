import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The health check's question to PostgreSQL. */
@Injectable()
export class DatabaseProbeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Resolves when PostgreSQL answers a query (a pooled connection is taken and given back). */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
