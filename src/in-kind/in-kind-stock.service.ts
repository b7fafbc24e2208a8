import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { cleanText } from '../common/text';
import { toSafeInteger } from '../database/fen.transformer';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { AdjustStockDto } from './dto/adjust-stock.dto';
import { InKindCatalogueService } from './in-kind-catalogue.service';
import { MAX_QUANTITY } from './in-kind-input';
import { StockLedger } from './stock-ledger';
import { StockRepository } from './stock.repository';

export interface StockLineView {
  itemCode: string;
  name: string;
  category: string;
  unit: string;
  receivedQuantity: number;
  distributedQuantity: number;
  adjustedQuantity: number;
  onHandQuantity: number;
}

interface Quantities {
  receivedQuantity: number;
  distributedQuantity: number;
  adjustedQuantity: number;
}

/** Stock per campaign and item as stored, its recomputation from the movements, and adjustments. */
@Injectable()
export class InKindStockService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: StockRepository,
    private readonly campaigns: CampaignsService,
    private readonly catalogue: InKindCatalogueService,
    private readonly ledger: StockLedger,
    private readonly audit: AuditLogService,
  ) {}

  async stock(campaignCode: string): Promise<{ campaignCode: string; items: StockLineView[] }> {
    const campaign = await this.campaigns.findByCode(campaignCode);
    const rows: Record<string, string>[] = await this.repository.lines(campaign.id);
    return {
      campaignCode: campaign.code,
      items: rows.map((r) => {
        const q = quantities(r.received_quantity, r.distributed_quantity, r.adjusted_quantity);
        return { itemCode: r.item_code, name: r.name, category: r.category, unit: r.unit, ...q, onHandQuantity: onHand(q) };
      }),
    };
  }

  /** Movements newest first, each with what caused it: the pledge inspected, the distribution, the reason. */
  async movements(campaignCode: string, itemCode: string | undefined, limit: number) {
    const campaign = await this.campaigns.findByCode(campaignCode);
    if (itemCode !== undefined) await this.catalogue.require([itemCode]);
    const rows: Record<string, string | Date | null>[] = await this.repository.movements(campaign.id, itemCode, limit);
    return {
      campaignCode: campaign.code,
      items: rows.map((r) => ({
        id: String(r.id),
        itemCode: r.item_code as string,
        name: r.name as string,
        unit: r.unit as string,
        kind: r.kind as string,
        quantity: toSafeInteger(r.quantity as string),
        reason: r.reason as string | null,
        inKindDonationId: r.in_kind_donation_id as string | null,
        distributionId: r.distribution_id as string | null,
        recipient: r.recipient as string | null,
        actorEmail: r.actor_email as string | null,
        createdAt: (r.created_at as Date).toISOString(),
      })),
    };
  }

  /**
   * Stock recomputed from the movements (and received goods from the inspections) beside the stock
   * stored; `consistent` is false if any differ.
   */
  async reconcile(campaignCode: string) {
    const campaign = await this.campaigns.findByCode(campaignCode);
    const rows: Record<string, string>[] = await this.repository.reconciliation(campaign.id);
    const items = rows.map((r) => {
      const stored = quantities(r.received_quantity, r.distributed_quantity, r.adjusted_quantity);
      const fromMovements = quantities(r.moved_received, r.moved_distributed, r.moved_adjusted);
      const acceptedInInspections = toSafeInteger(r.accepted);
      const consistent =
        stored.receivedQuantity === fromMovements.receivedQuantity &&
        stored.distributedQuantity === fromMovements.distributedQuantity &&
        stored.adjustedQuantity === fromMovements.adjustedQuantity &&
        stored.receivedQuantity === acceptedInInspections;
      return {
        itemCode: r.item_code,
        stored: { ...stored, onHandQuantity: onHand(stored) },
        fromMovements: { ...fromMovements, onHandQuantity: onHand(fromMovements) },
        acceptedInInspections,
        consistent,
      };
    });
    return { campaignCode: campaign.code, consistent: items.every((i) => i.consistent), items };
  }

  async adjust(dto: AdjustStockDto, actor: StaffPrincipal) {
    if (!Number.isSafeInteger(dto.quantity) || dto.quantity === 0 || Math.abs(dto.quantity) > MAX_QUANTITY) {
      throw new DomainError('INVALID_QUANTITY', `调整数量须为非零整数，绝对值不超过 ${MAX_QUANTITY}`);
    }
    const reason = cleanText(dto.reason);
    if (!reason) throw new DomainError('VALIDATION_FAILED', '请填写调整原因');
    const campaign = await this.campaigns.findByCode(dto.campaignCode);
    await this.catalogue.require([dto.itemCode]);
    await this.dataSource.transaction(async (m) => {
      await this.ledger.adjust(m, campaign.id, dto.itemCode, dto.quantity, { reason, actorId: actor.id });
      await this.audit.record(m, actor, {
        action: 'in_kind_stock.adjust',
        entity: 'in_kind_stock',
        entityId: `${campaign.code}/${dto.itemCode}`,
        after: { campaignCode: campaign.code, itemCode: dto.itemCode, quantity: dto.quantity, reason },
      });
    });
    const line = (await this.stock(campaign.code)).items.find((i) => i.itemCode === dto.itemCode)!;
    return { campaignCode: campaign.code, ...line };
  }
}

function quantities(received: string, distributed: string, adjusted: string): Quantities {
  return { receivedQuantity: toSafeInteger(received), distributedQuantity: toSafeInteger(distributed), adjustedQuantity: toSafeInteger(adjusted) };
}

function onHand(q: Quantities): number {
  return q.receivedQuantity + q.adjustedQuantity - q.distributedQuantity;
}
