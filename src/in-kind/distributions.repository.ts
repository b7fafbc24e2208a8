import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Distribution } from './distribution.entity';

/** A distribution as staff record it (id and time are the table's). */
export type NewDistribution = Pick<Distribution, 'campaignId' | 'recipient' | 'note' | 'idempotencyKey' | 'requestHash' | 'createdBy'>;

/** The distributions table (goods handed to recipients); their stock movements are the StockRepository's. */
@Injectable()
export class DistributionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes the distribution; a taken Idempotency-Key is a unique violation (distributions_idempotency_key) for the caller. */
  insert(m: EntityManager, d: NewDistribution): Promise<Distribution> {
    return m.save(m.create(Distribution, d));
  }

  findByKey(campaignId: string, idempotencyKey: string): Promise<Distribution | null> {
    return this.dataSource.getRepository(Distribution).findOneBy({ campaignId, idempotencyKey });
  }

  getByKey(campaignId: string, idempotencyKey: string): Promise<Distribution> {
    return this.dataSource.getRepository(Distribution).findOneByOrFail({ campaignId, idempotencyKey });
  }

  findById(id: string): Promise<Distribution | null> {
    return this.dataSource.getRepository(Distribution).findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<Distribution[]> {
    return this.dataSource.getRepository(Distribution).findBy({ id: In(ids) });
  }

  /** The campaign's latest `limit` distributions, newest first. */
  latest(campaignId: string, limit: number): Promise<Distribution[]> {
    return this.dataSource.getRepository(Distribution).find({ where: { campaignId }, order: { createdAt: 'DESC' }, take: limit });
  }
}
