import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { Donation } from '../donations/donation.entity';

/**
 * What receipts are issued for, as the receipt work reads it: the donations (`donations`) a request
 * names or a record lists, and their campaigns (`campaigns`). Reads, and the one lock a decline
 * takes; the donations' and campaigns' own writes stay in their modules.
 */
@Injectable()
export class ReceiptSourcesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  getCampaign(id: string, manager: EntityManager = this.dataSource.manager): Promise<Campaign> {
    return manager.getRepository(Campaign).findOneByOrFail({ id });
  }

  getDonation(id: string, manager: EntityManager = this.dataSource.manager): Promise<Donation> {
    return manager.getRepository(Donation).findOneByOrFail({ id });
  }

  findDonation(id: string, manager: EntityManager = this.dataSource.manager): Promise<Donation | null> {
    return manager.getRepository(Donation).findOneBy({ id });
  }

  /** The donations of these ids, in the caller's transaction (any order; those missing left out). */
  findDonations(manager: EntityManager, ids: string[]): Promise<Donation[]> {
    return manager.getRepository(Donation).findBy({ id: In(ids) });
  }

  /** The donations of these ids (any order; those missing left out). */
  donationsByIds(ids: string[]): Promise<Donation[]> {
    return this.dataSource.getRepository(Donation).createQueryBuilder('d').whereInIds(ids).getMany();
  }

  findByOrderNo(orderNo: string, manager: EntityManager = this.dataSource.manager): Promise<Donation | null> {
    return manager.getRepository(Donation).findOneBy({ orderNo });
  }

  /** The donation of this order number, with its campaign. */
  findByOrderNoWithCampaign(orderNo: string): Promise<Donation | null> {
    return this.dataSource.getRepository(Donation).findOne({ where: { orderNo }, relations: { campaign: true } });
  }

  /** The donations of these order numbers, with their campaigns. */
  findByOrderNosWithCampaign(orderNos: string[]): Promise<Donation[]> {
    return this.dataSource.getRepository(Donation).find({ where: { orderNo: In(orderNos) }, relations: { campaign: true } });
  }

  /** The campaign's donation of this order number (or bank reference), or null. */
  findInCampaign(manager: EntityManager, campaignId: string, by: { orderNo: string } | { bankReference: string }): Promise<Donation | null> {
    return manager.getRepository(Donation).findOneBy({ ...by, campaignId });
  }

  findByClaimTokenHash(manager: EntityManager, claimTokenHash: string): Promise<Donation | null> {
    return manager.getRepository(Donation).findOneBy({ claimTokenHash });
  }

  /**
   * The paid donation of this amount by a payer of this name and on no live request, which a request
   * naming neither order nor reference may be proposed: bank transfers first, then the latest paid.
   */
  findUnrequestedPaidByPayer(manager: EntityManager, campaignId: string, amountFen: number, donorName: string): Promise<Donation | null> {
    return manager
      .getRepository(Donation)
      .createQueryBuilder('d')
      .where('d.campaign_id = :campaignId AND d.status = :paid AND d.amount_fen = :amount AND d.donor_name = :name', {
        campaignId,
        paid: 'paid',
        amount: amountFen,
        name: donorName,
      })
      .andWhere(`NOT EXISTS (SELECT 1 FROM receipt_requests r WHERE r.donation_id = d.id AND r.status <> 'rejected')`)
      .orderBy(`d.channel = 'bank_transfer'`, 'DESC')
      .addOrderBy('d.paid_at', 'DESC')
      .getOne();
  }

  /** Locks the donation's row (FOR UPDATE) until the caller's transaction ends. */
  async lockDonation(manager: EntityManager, donationId: string): Promise<void> {
    await manager.query(`SELECT id FROM donations WHERE id = $1 FOR UPDATE`, [donationId]);
  }
}
