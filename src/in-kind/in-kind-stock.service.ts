import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { AdjustStockDto } from './dto/adjust-stock.dto';
import {
  AdjustedStockView,
  StockMovementListView,
  StockReconciliationView,
  StockView,
  toStockLineView,
  toStockMovementView,
  toStockReconciliationLineView,
} from './dto/in-kind.view';
import { InKindCatalogueService } from './in-kind-catalogue.service';
import { MAX_QUANTITY } from './in-kind-input';
import { StockLedger } from './stock-ledger';
import { StockRepository } from './stock.repository';

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

  async stock(campaignCode: string): Promise<StockView> {
    const campaign = await this.campaigns.findByCode(campaignCode);
    return { campaignCode: campaign.code, items: (await this.repository.lines(campaign.id)).map(toStockLineView) };
  }

  /** Movements newest first, each with what caused it: the pledge inspected, the distribution, the reason. */
  async movements(campaignCode: string, itemCode: string | undefined, limit: number): Promise<StockMovementListView> {
    const campaign = await this.campaigns.findByCode(campaignCode);
    if (itemCode !== undefined) await this.catalogue.require([itemCode]);
    return { campaignCode: campaign.code, items: (await this.repository.movements(campaign.id, itemCode, limit)).map(toStockMovementView) };
  }

  /**
   * Stock recomputed from the movements (and received goods from the inspections) beside the stock
   * stored; `consistent` is false if any differ.
   */
  async reconcile(campaignCode: string): Promise<StockReconciliationView> {
    const campaign = await this.campaigns.findByCode(campaignCode);
    const items = (await this.repository.reconciliation(campaign.id)).map(toStockReconciliationLineView);
    return { campaignCode: campaign.code, consistent: items.every((i) => i.consistent), items };
  }

  async adjust(dto: AdjustStockDto, actor: StaffPrincipal): Promise<AdjustedStockView> {
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
