import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { normalizePhone } from '../common/contact';
import { DomainError, isUniqueViolation } from '../common/errors';
import { maskName, maskPhone } from '../common/masking';
import { PiiCipher } from '../common/pii-cipher';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import { TotalsEvents } from '../totals/totals-events';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { CreateInKindDonationDto } from './dto/create-in-kind-donation.dto';
import { InspectInKindDonationDto } from './dto/inspect-in-kind-donation.dto';
import { InKindCatalogueService } from './in-kind-catalogue.service';
import { InKindDonation, InKindDonationStatus, outstandingOf } from './in-kind-donation.entity';
import { InKindPledgesRepository } from './in-kind-pledges.repository';
import { assertDistinctItems, assertQuantity, expiryDate, isUuid, MAX_LINE_VALUATION_FEN } from './in-kind-input';
import { assertSameRequest, requestHash } from '../common/idempotency';
import { PledgeView } from './dto/in-kind.view';
import { PledgeViews } from './pledge-views';
import { StockLedger } from './stock-ledger';

/**
 * Pledges of goods and their inspection on arrival. A pledge counts nowhere until goods arrive; an
 * inspection records accepted and rejected quantities per item (partial arrivals add up, never past
 * the pledge) and puts the accepted goods into stock, all in one transaction under the pledge's row lock.
 */
@Injectable()
export class InKindDonationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly catalogue: InKindCatalogueService,
    private readonly stock: StockLedger,
    private readonly pii: PiiCipher,
    private readonly audit: AuditLogService,
    private readonly totalsEvents: TotalsEvents,
    private readonly pledgeViews: PledgeViews,
    private readonly pledges: InKindPledgesRepository,
  ) {}

  /**
   * Records a pledge. With an Idempotency-Key (unique in the schema), a retry of the same request
   * answers with the same pledge and writes nothing; another request under that key is 409
   * IDEMPOTENCY_KEY_REUSED, as for cash donations.
   */
  async pledge(dto: CreateInKindDonationDto, idempotencyKey: string | null, actor: StaffPrincipal): Promise<PledgeView> {
    const donorName = cleanText(dto.donor.name);
    if (!donorName) throw new DomainError('VALIDATION_FAILED', '请填写捐赠人名称');
    const phone = cleanText(dto.donor.phone);
    // A mobile or a fixed line (a company's or hospital's switchboard), in one written form.
    const mobile = phone === null ? null : normalizePhone(phone);
    if (phone !== null && mobile === null) throw new DomainError('INVALID_PHONE', '联系电话格式不正确：请填写手机号，或带区号的固定电话（如 027-87654321）');
    assertDistinctItems(dto.items.map((i) => i.itemCode));
    const lines = dto.items.map((i) => {
      assertQuantity(i.quantity, `${i.itemCode} 的数量`);
      if (i.valuationFen !== undefined && (!Number.isSafeInteger(i.valuationFen) || i.valuationFen < 0 || i.valuationFen > MAX_LINE_VALUATION_FEN)) {
        throw new DomainError('INVALID_AMOUNT', `${i.itemCode} 的估值须为 0 至 ${MAX_LINE_VALUATION_FEN} 之间的整数（分）`);
      }
      return { ...i, expiresOn: expiryDate(i.expiresAt), spec: cleanText(i.spec), batch: cleanText(i.batch) };
    });
    const campaign = await this.campaigns.findByCode(dto.campaignCode);
    await this.catalogue.require(lines.map((l) => l.itemCode));
    // The phone enters the hash only as its keyed blind index: no plain hash of personal data is stored.
    const hash = requestHash({ ...dto, donor: { ...dto.donor, phone: mobile === null ? undefined : this.pii.blindIndex(mobile) } });
    if (idempotencyKey) {
      const earlier = await this.pledges.findByKey(idempotencyKey);
      if (earlier) return this.replay(earlier, hash);
    }

    const id = await this.dataSource
      .transaction(async (m) => {
        const donation = await this.pledges.insert(m, {
          campaignId: campaign.id,
          donorName,
          donorType: dto.donor.donorType,
          phoneEnc: mobile === null ? null : this.pii.encrypt(mobile),
          phoneHash: mobile === null ? null : this.pii.blindIndex(mobile),
          note: cleanText(dto.note),
          status: 'pledged',
          idempotencyKey,
          requestHash: idempotencyKey ? hash : null,
          createdBy: actor.id,
        });
        await this.pledges.insertLines(
          m,
          lines.map((l) => ({
            inKindDonationId: donation.id,
            itemCode: l.itemCode,
            quantity: l.quantity,
            valuationFen: l.valuationFen ?? null,
            spec: l.spec,
            batch: l.batch,
            expiresOn: l.expiresOn,
            acceptedQuantity: 0,
            rejectedQuantity: 0,
          })),
        );
        await this.audit.record(m, actor, {
          action: 'in_kind_donation.pledge',
          entity: 'in_kind_donation',
          entityId: donation.id,
          after: {
            campaignCode: campaign.code,
            donor: { name: maskName(donorName), donorType: dto.donor.donorType, phone: mobile === null ? null : maskPhone(mobile) },
            items: lines.map((l) => ({
              itemCode: l.itemCode,
              quantity: l.quantity,
              valuationFen: l.valuationFen ?? null,
              batch: l.batch,
              expiresAt: l.expiresOn,
            })),
          },
        });
        return donation.id;
      })
      .catch(async (error: unknown) => {
        // Two requests raced with one key: the loser answers with the winner's pledge.
        if (!idempotencyKey || !isUniqueViolation(error, 'in_kind_donations_idempotency_key')) throw error;
        const winner = await this.pledges.getByKey(idempotencyKey);
        return (await this.replay(winner, hash)).id;
      });
    return this.get(id);
  }

  private async replay(earlier: InKindDonation, hash: string): Promise<PledgeView> {
    assertSameRequest(earlier.requestHash, hash, '笔不同的认捐');
    return this.get(earlier.id);
  }

  /**
   * Records one arrival. With an Idempotency-Key, a repeat of the same request answers as the first
   * did and a different request under that key is 409 IDEMPOTENCY_KEY_REUSED. Without one, a repeat is
   * caught when it exceeds what is outstanding: 409 ALREADY_INSPECTED.
   */
  async inspect(
    id: string,
    dto: InspectInKindDonationDto,
    idempotencyKey: string | null,
    actor: StaffPrincipal,
  ): Promise<PledgeView & { inspectionId: string }> {
    if (!isUuid(id)) throw notFound();
    assertDistinctItems(dto.items.map((i) => i.itemCode));
    for (const i of dto.items) {
      assertQuantity(i.acceptedQuantity, `${i.itemCode} 的合格数量`, { min: 0 });
      assertQuantity(i.rejectedQuantity, `${i.itemCode} 的不合格数量`, { min: 0 });
      if (i.acceptedQuantity + i.rejectedQuantity === 0) throw new DomainError('INVALID_QUANTITY', `${i.itemCode} 的合格与不合格数量不能都为 0`);
    }
    const hash = requestHash(dto.items);
    const items = [...dto.items].sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1));

    let campaignToTell: string | null = null;
    const inspectionId = await this.dataSource.transaction(async (m) => {
      const donation = await this.pledges.lock(m, id);
      if (!donation) throw notFound();
      if (idempotencyKey) {
        const earlier = await this.pledges.findInspectionByKey(m, id, idempotencyKey);
        if (earlier) {
          assertSameRequest(earlier.requestHash, hash, '次不同的验收');
          return earlier.id;
        }
      }
      if (donation.cancelledAt) throw pledgeCancelled();
      const lines = await this.pledges.linesOf([id], m);
      const byCode = new Map(lines.map((l) => [l.itemCode, l]));
      for (const i of items) {
        const line = byCode.get(i.itemCode);
        if (!line) throw new DomainError('ITEM_NOT_PLEDGED', `该认捐中没有物资 ${i.itemCode}`, { itemCode: i.itemCode });
        const inspected = i.acceptedQuantity + i.rejectedQuantity;
        if (inspected > line.quantity) {
          throw new DomainError('INSPECTION_EXCEEDS_PLEDGE', `${i.itemCode} 验收 ${inspected}，超过认捐数量 ${line.quantity}`, {
            itemCode: i.itemCode,
            pledgedQuantity: line.quantity,
            inspectedQuantity: inspected,
          });
        }
        const outstanding = outstandingOf(line);
        if (inspected > outstanding) {
          throw new DomainError(
            'ALREADY_INSPECTED',
            `${i.itemCode} 已验收 ${line.acceptedQuantity + line.rejectedQuantity}，剩余待验收 ${outstanding}，本次 ${inspected} 超出`,
            {
              itemCode: i.itemCode,
              outstandingQuantity: outstanding,
              inspectedQuantity: inspected,
            },
          );
        }
      }

      const inspection = await this.pledges.insertInspection(m, {
        inKindDonationId: id,
        idempotencyKey,
        requestHash: idempotencyKey ? hash : null,
        inspectedBy: actor.id,
        inspectedAt: new Date(),
      });
      const recorded = items.map((i) => ({ ...i, reason: cleanText(i.reason) }));
      await this.pledges.insertInspectionLines(
        m,
        recorded.map((i) => ({
          inspectionId: inspection.id,
          itemCode: i.itemCode,
          acceptedQuantity: i.acceptedQuantity,
          rejectedQuantity: i.rejectedQuantity,
          reason: i.reason,
        })),
      );
      for (const i of items) {
        const line = byCode.get(i.itemCode)!;
        await this.pledges.addInspected(m, line.id, i.acceptedQuantity, i.rejectedQuantity);
        if (i.acceptedQuantity > 0)
          await this.stock.receive(m, donation.campaignId, i.itemCode, i.acceptedQuantity, { inspectionId: inspection.id, actorId: actor.id });
      }
      await this.pledges.markReceived(m, id);
      await this.audit.record(m, actor, {
        action: 'in_kind_donation.inspect',
        entity: 'in_kind_donation',
        entityId: id,
        before: {
          status: donation.status,
          items: lines.map((l) => ({ itemCode: l.itemCode, acceptedQuantity: l.acceptedQuantity, rejectedQuantity: l.rejectedQuantity })),
        },
        after: {
          status: 'received',
          inspectionId: inspection.id,
          items: recorded.map((i) => ({ itemCode: i.itemCode, acceptedQuantity: i.acceptedQuantity, rejectedQuantity: i.rejectedQuantity, reason: i.reason })),
        },
      });
      if (items.some((i) => i.acceptedQuantity > 0)) campaignToTell = donation.campaignId;
      return inspection.id;
    });
    // Accepted goods are on the public totals: tell them, after the commit.
    if (campaignToTell) this.totalsEvents.changed(campaignToTell);
    return { ...(await this.get(id)), inspectionId };
  }

  async get(id: string): Promise<PledgeView> {
    if (!isUuid(id)) throw notFound();
    const donation = await this.pledges.findById(id);
    if (!donation) throw notFound();
    const campaign = await this.campaigns.byId(donation.campaignId);
    return (await this.pledgeViews.load([donation], campaign))[0];
  }

  /** Pledges of a campaign, newest first; `outstanding`: only those still expecting goods (or only those not). */
  async list(campaignCode: string, filter: { status?: InKindDonationStatus; outstanding?: boolean }, limit: number): Promise<{ items: PledgeView[] }> {
    const campaign = await this.campaigns.findByCode(campaignCode);
    return { items: await this.pledgeViews.load(await this.pledges.search(campaign.id, filter, limit), campaign) };
  }
}

export function notFound(): DomainError {
  return new DomainError('IN_KIND_DONATION_NOT_FOUND', '物资捐赠记录不存在');
}

export function pledgeCancelled(): DomainError {
  return new DomainError('PLEDGE_CANCELLED', '该认捐已取消，不能再验收或修改');
}
