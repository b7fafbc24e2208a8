import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { InKindDonation, InKindDonationLine } from './in-kind-donation.entity';
import { InKindInspection, InKindInspectionLine } from './in-kind-inspection.entity';

/** Reads of pledges of goods (in_kind_donations), their lines and their inspections. */
@Injectable()
export class InKindPledgesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, m: EntityManager = this.dataSource.manager): Promise<InKindDonation | null> {
    return m.getRepository(InKindDonation).findOneBy({ id });
  }

  /** The lines of these pledges. */
  linesOf(donationIds: string[], m: EntityManager = this.dataSource.manager): Promise<InKindDonationLine[]> {
    return m.getRepository(InKindDonationLine).findBy({ inKindDonationId: In(donationIds) });
  }

  /** The inspections of these pledges, oldest first. */
  inspectionsOf(donationIds: string[]): Promise<InKindInspection[]> {
    return this.dataSource.getRepository(InKindInspection).find({ where: { inKindDonationId: In(donationIds) }, order: { inspectedAt: 'ASC' } });
  }

  inspectionLinesOf(inspectionIds: string[]): Promise<InKindInspectionLine[]> {
    return this.dataSource.getRepository(InKindInspectionLine).findBy({ inspectionId: In(inspectionIds) });
  }
}
