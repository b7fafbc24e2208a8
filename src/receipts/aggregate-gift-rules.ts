import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { DomainError, isUniqueViolation } from '../common/errors';
import { formatYuan } from '../common/money';
import { Donation } from '../donations/donation.entity';
import { ReceiptGiftsRepository } from './receipt-gifts.repository';

/** One gift an aggregate request names, resolved to its donation (null: no such order in the campaign). */
export interface NamedGift {
  position: number;
  orderNo: string;
  donation: Donation | null;
}

/**
 * The rules of an aggregate receipt (合并开具), in one place for the donor's request, the staff's
 * request and the staff's approval: every gift of this campaign and of one fund (项目名称 is one),
 * paid, on no other live request or record, and the gifts add up to the amount asked for.
 */
@Injectable()
export class AggregateGiftRules {
  constructor(private readonly gifts: ReceiptGiftsRepository) {}

  /** The donations of these order numbers (any campaign), by order number. */
  async donationsByOrderNo(manager: EntityManager, orderNos: string[]): Promise<Map<string, Donation>> {
    const found = await this.gifts.donationsByOrderNo(manager, orderNos);
    return new Map(found.map((d) => [d.orderNo, d]));
  }

  /** Refuses an order number given twice. */
  checkDistinct(orderNos: string[]): void {
    const seen = new Set<string>();
    for (const orderNo of orderNos) {
      if (seen.has(orderNo)) throw new DomainError('DUPLICATE_ORDER', `订单 ${orderNo} 在合并开具的列表中重复出现`, { orderNo });
      seen.add(orderNo);
    }
  }

  /**
   * Checks the gifts for one record; their total in fen. `statedFen` (the amount asked for) must be
   * the total when given; `exceptRequestId` is the request being approved, whose own holds do not count.
   */
  async check(
    manager: EntityManager,
    campaign: Campaign,
    gifts: NamedGift[],
    statedFen: number | undefined,
    exceptRequestId: string | null = null,
  ): Promise<number> {
    for (const gift of gifts) {
      const d = gift.donation;
      if (!d) throw new DomainError('ORDER_NOT_FOUND', `该活动中没有订单 ${gift.orderNo}`, { orderNo: gift.orderNo });
      if (d.campaignId !== campaign.id) {
        throw new DomainError('AGGREGATE_MIXED_CAMPAIGNS', `订单 ${gift.orderNo} 不属于「${campaign.title}」：合并开具的捐赠须属于同一活动`, {
          orderNo: gift.orderNo,
        });
      }
    }
    const donations = gifts.map((g) => g.donation!);
    if (new Set(donations.map((d) => d.fundId ?? '')).size > 1) {
      throw new DomainError('AGGREGATE_MIXED_FUNDS', '合并开具的捐赠须属于同一定向基金（或均为非定向捐赠）：一张证明/票据只有一个项目名称');
    }
    for (const d of donations) {
      if (d.status === 'refunded') throw new DomainError('DONATION_REFUNDED', `订单 ${d.orderNo} 已退款，不能开具`, { orderNo: d.orderNo });
      if (d.status !== 'paid' || !d.paidAt) throw new DomainError('DONATION_NOT_PAID', `订单 ${d.orderNo} 尚未到账`, { orderNo: d.orderNo });
    }
    const totalFen = donations.reduce((sum, d) => sum + d.amountFen, 0);
    if (statedFen !== undefined && statedFen !== totalFen) {
      throw new DomainError('AMOUNT_MISMATCH', `申请金额 ${formatYuan(statedFen)} 元与这 ${donations.length} 笔捐赠的合计 ${formatYuan(totalFen)} 元不一致`, {
        totalFen,
      });
    }
    if (totalFen < campaign.receiptThresholdFen) {
      throw new DomainError('BELOW_RECEIPT_THRESHOLD', `合并开具的捐赠合计满 ${formatYuan(campaign.receiptThresholdFen)} 元方可申请捐赠证明/票据`, {
        receiptThresholdFen: campaign.receiptThresholdFen,
      });
    }
    const taken = await this.gifts.taken(
      manager,
      donations.map((d) => d.id),
      exceptRequestId,
    );
    if (taken.length > 0) throw alreadyOnAnother(taken.map((t) => t.order_no));
    return totalFen;
  }

  /** The request holds its gifts now; a gift another request or record took meanwhile refuses it (the index decides). */
  async hold(manager: EntityManager, requestId: string, gifts: NamedGift[]): Promise<void> {
    try {
      // A savepoint, so the refusal leaves the caller's transaction usable.
      await manager.transaction((inner) =>
        this.gifts.holdRequestGifts(
          inner,
          requestId,
          gifts.map((g) => ({ position: g.position, donationId: g.donation!.id })),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'receipt_request_gifts_held_per_donation')) throw alreadyOnAnother(gifts.map((g) => g.orderNo));
      throw error;
    }
  }
}

export function alreadyOnAnother(orderNos: string[]): DomainError {
  return new DomainError('RECEIPT_ALREADY_REQUESTED', `订单 ${orderNos.join('、')} 已申请或已开具捐赠证明/票据，同一笔捐赠不能出现在两份证明/票据上`, {
    orderNos,
  });
}
