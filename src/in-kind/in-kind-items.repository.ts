import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { InKindItem } from './in-kind-item.entity';

/** Reads and writes of the catalogue of goods (in_kind_items). */
@Injectable()
export class InKindItemsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The catalogue in its display order. */
  list(): Promise<InKindItem[]> {
    return this.dataSource.getRepository(InKindItem).find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  async insert(m: EntityManager, item: InKindItem): Promise<void> {
    await m.insert(InKindItem, item);
  }

  /** The items of these codes that exist (in the caller's transaction when given one). */
  findByCodes(codes: string[], m: EntityManager = this.dataSource.manager): Promise<InKindItem[]> {
    return m.getRepository(InKindItem).findBy({ code: In(codes) });
  }
}
