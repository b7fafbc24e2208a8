import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { CampaignsService } from '../campaigns/campaigns.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError, isUniqueViolation } from '../common/errors';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import { TotalsEvents } from '../totals/totals-events';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { renderDeliveryNotePdf } from './delivery-note.renderer';
import { Distribution } from './distribution.entity';
import { CreateDistributionDto } from './dto/create-distribution.dto';
import { DistributionListView, DistributionView, toDistributionView } from './dto/in-kind.view';
import { InKindCatalogueService } from './in-kind-catalogue.service';
import { assertDistinctItems, assertQuantity, isUuid } from './in-kind-input';
import { assertSameRequest, requestHash } from '../common/idempotency';
import { DistributionsRepository } from './distributions.repository';
import { InKindItemsRepository } from './in-kind-items.repository';
import { StockRepository } from './stock.repository';
import { DeliveryConfirmationSigner } from './delivery-confirmation.signer';
import { StockLedger } from './stock-ledger';

/**
 * Goods handed to recipients. A distribution takes every item out of stock in one transaction or
 * none: one item short and the whole distribution is 409 INSUFFICIENT_STOCK, nothing written.
 */
@Injectable()
export class DistributionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly distributions: DistributionsRepository,
    private readonly stockRows: StockRepository,
    private readonly items: InKindItemsRepository,
    private readonly campaigns: CampaignsService,
    private readonly catalogue: InKindCatalogueService,
    private readonly stock: StockLedger,
    private readonly audit: AuditLogService,
    private readonly totalsEvents: TotalsEvents,
    private readonly signer: DeliveryConfirmationSigner,
  ) {}

  async distribute(dto: CreateDistributionDto, idempotencyKey: string | null, actor: StaffPrincipal): Promise<DistributionView> {
    const recipient = cleanText(dto.recipient);
    if (!recipient) throw new DomainError('VALIDATION_FAILED', '请填写接收单位');
    assertDistinctItems(dto.items.map((i) => i.itemCode));
    for (const i of dto.items) assertQuantity(i.quantity, `${i.itemCode} 的发放数量`);
    const campaign = await this.campaigns.findByCode(dto.campaignCode);
    await this.catalogue.require(dto.items.map((i) => i.itemCode));
    const hash = requestHash({ recipient: dto.recipient, note: dto.note, items: dto.items });
    if (idempotencyKey) {
      const earlier = await this.distributions.findByKey(campaign.id, idempotencyKey);
      if (earlier) return this.replay(earlier, hash, campaign);
    }
    const items = [...dto.items].sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1));
    try {
      const id = await this.dataSource.transaction(async (m) => {
        const distribution = await this.distributions.insert(m, {
          campaignId: campaign.id,
          recipient,
          note: cleanText(dto.note),
          idempotencyKey,
          requestHash: idempotencyKey ? hash : null,
          createdBy: actor.id,
        });
        for (const i of items) await this.stock.distribute(m, campaign.id, i.itemCode, i.quantity, { distributionId: distribution.id, actorId: actor.id });
        await this.audit.record(m, actor, {
          action: 'distribution.create',
          entity: 'distribution',
          entityId: distribution.id,
          after: { campaignCode: campaign.code, recipient, items: items.map((i) => ({ itemCode: i.itemCode, quantity: i.quantity })) },
        });
        return distribution.id;
      });
      this.totalsEvents.changed(campaign.id); // distributed goods are on the public totals
      return (await this.views([id], campaign))[0];
    } catch (error) {
      if (idempotencyKey && isUniqueViolation(error, 'distributions_idempotency_key')) {
        const winner = await this.distributions.getByKey(campaign.id, idempotencyKey);
        return this.replay(winner, hash, campaign);
      }
      throw error;
    }
  }

  async get(id: string): Promise<DistributionView> {
    const { distribution, campaign } = await this.find(id);
    return (await this.views([distribution.id], campaign))[0];
  }

  async list(campaignCode: string, limit: number): Promise<DistributionListView> {
    const campaign = await this.campaigns.findByCode(campaignCode);
    const rows = await this.distributions.latest(campaign.id, limit);
    return {
      items: await this.views(
        rows.map((r) => r.id),
        campaign,
      ),
    };
  }

  /** The delivery note: items and quantities, signature lines, and a QR code of the record's link. */
  async deliveryNote(id: string): Promise<{ filename: string; pdf: Buffer }> {
    const { distribution, campaign } = await this.find(id);
    const [view] = await this.views([distribution.id], campaign);
    const pdf = await renderDeliveryNotePdf({
      noteNo: deliveryNoteNo(distribution),
      campaignTitle: campaign.title,
      organisation: campaign.organisation,
      recipient: view.recipient,
      note: view.note,
      createdAt: distribution.createdAt,
      items: view.items,
      // The receiving unit scans it to confirm what arrived (a signed public page, no account).
      recordUrl: this.signer.url(distribution.id),
    });
    return { filename: `${deliveryNoteNo(distribution)}.pdf`, pdf };
  }

  private async find(id: string): Promise<{ distribution: Distribution; campaign: Campaign }> {
    const distribution = isUuid(id) ? await this.distributions.findById(id) : null;
    if (!distribution) throw new DomainError('DISTRIBUTION_NOT_FOUND', '发放记录不存在');
    const campaign = await this.campaigns.byId(distribution.campaignId);
    return { distribution, campaign };
  }

  private async replay(earlier: Distribution, hash: string, campaign: Campaign): Promise<DistributionView> {
    assertSameRequest(earlier.requestHash, hash, '次不同的发放');
    return (await this.views([earlier.id], campaign))[0];
  }

  private async views(ids: string[], campaign: Campaign): Promise<DistributionView[]> {
    if (ids.length === 0) return [];
    const rows = await this.distributions.findByIds(ids);
    const moves = await this.stockRows.movementsOfDistributions(ids);
    const items = await this.items.findByCodes([...new Set(moves.map((mv) => mv.itemCode))]);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) =>
      toDistributionView(
        byId.get(id)!,
        campaign.code,
        moves.filter((mv) => mv.distributionId === id),
        byCode,
        this.signer.url(id),
      ),
    );
  }
}

/** FF-20200210-1A2B3C4D: the day (Beijing) and the start of the record's id, printed on the note. */
export function deliveryNoteNo(d: Pick<Distribution, 'id' | 'createdAt'>): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(d.createdAt)
    .replace(/-/g, '');
  return `FF-${day}-${d.id.slice(0, 8).toUpperCase()}`;
}
