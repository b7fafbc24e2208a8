import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Donation } from '../donations/donation.entity';

/** A bank transfer's order as finance staff enter it (personal data already sealed). */
export type NewTransferOrder = Pick<
  Donation,
  | 'orderNo'
  | 'campaignId'
  | 'channel'
  | 'amountFen'
  | 'status'
  | 'donorName'
  | 'anonymous'
  | 'showOnWall'
  | 'donorKey'
  | 'bankReference'
  | 'payerAccountEnc'
  | 'fundId'
  | 'expiresAt'
>;

/**
 * The orders of bank transfers (donations with a bank reference, unique per campaign): written
 * pending here, paid through the donations ledger.
 */
@Injectable()
export class BankTransferOrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByReference(campaignId: string, bankReference: string): Promise<Donation | null> {
    return this.dataSource.getRepository(Donation).findOneBy({ campaignId, bankReference });
  }

  getById(id: string): Promise<Donation> {
    return this.dataSource.getRepository(Donation).findOneByOrFail({ id });
  }

  /** Writes the pending order; a taken reference is a unique violation (donations_bank_reference_key) for the caller. */
  async insertPending(manager: EntityManager, order: NewTransferOrder): Promise<void> {
    await manager.insert(Donation, order);
  }

  getByOrderNo(manager: EntityManager, orderNo: string): Promise<Donation> {
    return manager.getRepository(Donation).findOneByOrFail({ orderNo });
  }

  /** Of these references, those of the campaign already paid (or paid and refunded). */
  async settledReferences(campaignId: string, bankReferences: string[]): Promise<string[]> {
    const recorded: Array<{ bank_reference: string }> = await this.dataSource.query(
      `SELECT bank_reference FROM donations WHERE campaign_id = $1 AND bank_reference = ANY($2::text[]) AND status IN ('paid', 'refunded')`,
      [campaignId, bankReferences],
    );
    return recorded.map((r) => r.bank_reference);
  }
}
