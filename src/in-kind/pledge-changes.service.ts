import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { CancelInKindDonationDto, PledgeLineChangeDto, UpdateInKindDonationDto } from './dto/update-in-kind-donation.dto';
import { InKindDonation, InKindDonationLine, outstandingOf } from './in-kind-donation.entity';
import { InKindPledgesRepository } from './in-kind-pledges.repository';
import { InKindDonationsService, notFound, pledgeCancelled } from './in-kind-donations.service';
import { assertDistinctItems, assertQuantity, expiryDate, isUuid, MAX_LINE_VALUATION_FEN } from './in-kind-input';
import { PledgeView } from './dto/in-kind.view';

type LineFields = Pick<InKindDonationLine, 'quantity' | 'valuationFen' | 'spec' | 'batch' | 'expiresOn'>;
const FIELDS: (keyof LineFields)[] = ['quantity', 'valuationFen', 'spec', 'batch', 'expiresOn'];

/**
 * Changes to a pledge while goods are still expected: editing its outstanding lines, and cancelling
 * the outstanding remainder. Both run under the pledge's row lock, the same lock inspections take,
 * so an edit or a cancellation never crosses an arrival being recorded; both are audited.
 */
@Injectable()
export class PledgeChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pledges: InKindDonationsService,
    private readonly audit: AuditLogService,
    private readonly repository: InKindPledgesRepository,
  ) {}

  /**
   * Edits lines that still have something outstanding. The quantity may not go below what was
   * already inspected (422 QUANTITY_BELOW_INSPECTED); the value basis of accepted goods is frozen
   * once a receipt was asked for (409 RECEIPT_ALREADY_REQUESTED).
   */
  async edit(id: string, dto: UpdateInKindDonationDto, actor: StaffPrincipal): Promise<PledgeView> {
    if (!isUuid(id)) throw notFound();
    assertDistinctItems(dto.items.map((i) => i.itemCode));
    const wanted = dto.items.map((i) => ({ itemCode: i.itemCode, fields: requestedFields(i) }));
    const reason = cleanText(dto.reason);

    await this.dataSource.transaction(async (m) => {
      const donation = await this.lock(m, id);
      const lines = await this.repository.linesOf([id], m);
      const byCode = new Map(lines.map((l) => [l.itemCode, l]));
      const receiptAsked = await this.receiptAsked(m, id);
      const before: Record<string, unknown>[] = [];
      const after: Record<string, unknown>[] = [];
      for (const { itemCode, fields } of [...wanted].sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1))) {
        const line = byCode.get(itemCode);
        if (!line) throw new DomainError('ITEM_NOT_PLEDGED', `该认捐中没有物资 ${itemCode}`, { itemCode });
        if (outstandingOf(line) === 0) {
          throw new DomainError('NOTHING_OUTSTANDING', `${itemCode} 已全部验收，不能再修改`, { itemCode });
        }
        const inspected = line.acceptedQuantity + line.rejectedQuantity;
        if (fields.quantity !== undefined && fields.quantity < inspected) {
          throw new DomainError('QUANTITY_BELOW_INSPECTED', `${itemCode} 已验收 ${inspected}，认捐数量不能改为 ${fields.quantity}`, {
            itemCode,
            inspectedQuantity: inspected,
            requestedQuantity: fields.quantity,
          });
        }
        const changed = FIELDS.filter((f) => fields[f] !== undefined && fields[f] !== line[f]);
        if (changed.length === 0) continue;
        if (receiptAsked && line.acceptedQuantity > 0 && (changed.includes('quantity') || changed.includes('valuationFen'))) {
          throw new DomainError('RECEIPT_ALREADY_REQUESTED', `已为该捐赠申请票据，${itemCode} 的数量和估值不能再修改`, { itemCode });
        }
        const next = { ...pick(line), ...fields };
        await this.repository.updateLine(m, line.id, next);
        before.push({ itemCode, ...Object.fromEntries(changed.map((f) => [f, line[f]])) });
        after.push({ itemCode, ...Object.fromEntries(changed.map((f) => [f, next[f]])) });
      }
      if (after.length === 0) return;
      await this.repository.touch(m, id);
      await this.audit.record(m, actor, {
        action: 'in_kind_donation.edit',
        entity: 'in_kind_donation',
        entityId: id,
        before: { status: donation.status, items: before },
        after: { status: donation.status, items: after, reason },
      });
    });
    return this.pledges.get(id);
  }

  /**
   * Cancels what is still outstanding, with a reason. Nothing arrived: the pledge becomes
   * `cancelled`. Some arrived: it stays `received`, with nothing outstanding. Goods already
   * accepted stay in stock and totals.
   */
  async cancel(id: string, dto: CancelInKindDonationDto, actor: StaffPrincipal): Promise<PledgeView> {
    if (!isUuid(id)) throw notFound();
    const reason = cleanText(dto.reason);
    if (!reason) throw new DomainError('VALIDATION_FAILED', '请填写取消原因');
    await this.dataSource.transaction(async (m) => {
      const donation = await this.lock(m, id);
      const lines = await this.repository.linesOf([id], m);
      const open = lines.filter((l) => outstandingOf(l) > 0).sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1));
      if (open.length === 0) throw new DomainError('NOTHING_OUTSTANDING', '该认捐的物资已全部验收，没有可取消的剩余部分');
      for (const l of open) {
        await this.repository.cancelOutstanding(m, l.id);
      }
      const status = donation.firstReceivedAt ? 'received' : 'cancelled';
      await this.repository.markCancelled(m, id, status, reason, actor.id);
      await this.audit.record(m, actor, {
        action: 'in_kind_donation.cancel',
        entity: 'in_kind_donation',
        entityId: id,
        before: { status: donation.status, items: open.map((l) => ({ itemCode: l.itemCode, outstandingQuantity: outstandingOf(l) })) },
        after: { status, reason, items: open.map((l) => ({ itemCode: l.itemCode, cancelledQuantity: outstandingOf(l) })) },
      });
    });
    return this.pledges.get(id);
  }

  private async lock(m: EntityManager, id: string): Promise<InKindDonation> {
    const donation = await this.repository.lock(m, id);
    if (!donation) throw notFound();
    if (donation.cancelledAt) throw pledgeCancelled();
    return donation;
  }

  /** A live receipt request (or receipt) states the accepted value: its basis must not move. */
  private receiptAsked(m: EntityManager, id: string): Promise<boolean> {
    return this.repository.hasLiveReceipt(m, id);
  }
}

/** The fields a change sets: undefined leaves a field as it is, null clears it (the quantity cannot be cleared). */
function requestedFields(i: PledgeLineChangeDto): Partial<LineFields> {
  const fields: Partial<LineFields> = {};
  if (i.quantity !== undefined && i.quantity !== null) {
    assertQuantity(i.quantity, `${i.itemCode} 的数量`);
    fields.quantity = i.quantity;
  }
  if (i.valuationFen !== undefined) {
    if (i.valuationFen !== null && (!Number.isSafeInteger(i.valuationFen) || i.valuationFen < 0 || i.valuationFen > MAX_LINE_VALUATION_FEN)) {
      throw new DomainError('INVALID_AMOUNT', `${i.itemCode} 的估值须为 0 至 ${MAX_LINE_VALUATION_FEN} 之间的整数（分）`);
    }
    fields.valuationFen = i.valuationFen;
  }
  if (i.spec !== undefined) fields.spec = i.spec === null ? null : cleanText(i.spec);
  if (i.batch !== undefined) fields.batch = i.batch === null ? null : cleanText(i.batch);
  if (i.expiresAt !== undefined) fields.expiresOn = i.expiresAt === null ? null : expiryDate(i.expiresAt);
  return fields;
}

function pick(l: InKindDonationLine): LineFields {
  return { quantity: l.quantity, valuationFen: l.valuationFen, spec: l.spec, batch: l.batch, expiresOn: l.expiresOn };
}
