import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors';
import { toSafeInteger } from '../database/fen.transformer';
import { StockRepository } from './stock.repository';

export interface StockCause {
  inspectionId?: string;
  distributionId?: string;
  reason?: string;
  actorId: string | null;
}

/**
 * The one place stock is written. Each change updates the stock row and appends its movement in the
 * caller's transaction (StockRepository); a take that would leave less than nothing is refused with
 * INSUFFICIENT_STOCK. Callers touch items in code order, so they never deadlock.
 */
@Injectable()
export class StockLedger {
  constructor(private readonly repository: StockRepository) {}

  async receive(m: EntityManager, campaignId: string, itemCode: string, quantity: number, cause: StockCause): Promise<void> {
    await this.repository.addReceived(m, campaignId, itemCode, quantity);
    await this.move(m, campaignId, itemCode, 'received', quantity, cause);
  }

  async distribute(m: EntityManager, campaignId: string, itemCode: string, quantity: number, cause: StockCause): Promise<void> {
    if (!(await this.repository.takeDistributed(m, campaignId, itemCode, quantity))) await this.insufficient(m, campaignId, itemCode, quantity);
    await this.move(m, campaignId, itemCode, 'distributed', -quantity, cause);
  }

  /** Signed correction with a reason (a count, damage in store); never below zero. */
  async adjust(m: EntityManager, campaignId: string, itemCode: string, quantity: number, cause: StockCause): Promise<void> {
    if (quantity > 0) {
      await this.repository.addAdjusted(m, campaignId, itemCode, quantity);
    } else if (!(await this.repository.takeAdjusted(m, campaignId, itemCode, quantity))) {
      await this.insufficient(m, campaignId, itemCode, -quantity);
    }
    await this.move(m, campaignId, itemCode, 'adjusted', quantity, cause);
  }

  private async move(m: EntityManager, campaignId: string, itemCode: string, kind: string, quantity: number, cause: StockCause): Promise<void> {
    await this.repository.insertMovement(m, campaignId, itemCode, kind, quantity, {
      inspectionId: cause.inspectionId ?? null,
      distributionId: cause.distributionId ?? null,
      reason: cause.reason ?? null,
      actorId: cause.actorId,
    });
  }

  private async insufficient(m: EntityManager, campaignId: string, itemCode: string, requested: number): Promise<never> {
    const onHand = await this.repository.onHand(m, campaignId, itemCode);
    const available = onHand === undefined ? 0 : toSafeInteger(onHand);
    throw new DomainError('INSUFFICIENT_STOCK', `物资 ${itemCode} 库存不足：需要 ${requested}，现有 ${available}`, {
      itemCode,
      requestedQuantity: requested,
      availableQuantity: available,
    });
  }
}
