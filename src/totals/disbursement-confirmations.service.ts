import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors';
import { maskName } from '../common/masking';
import { formatYuan, parseYuanToFen } from '../common/money';
import { cleanText, parseTimestamp } from '../common/text';
import { DisbursementConfirmationSigner } from './disbursement-confirmation.signer';
import { ConfirmablePayment, DisbursementConfirmationsRepository, PaymentConfirmation } from './disbursement-confirmations.repository';
import { TotalsEvents } from './totals-events';

export interface PaymentConfirmationInput {
  confirmedBy: unknown;
  receivedAt: unknown;
  /** Integer fen (the API) or a yuan string (the page's form). */
  amountReceivedFen?: unknown;
  amountReceivedYuan?: unknown;
  note?: unknown;
}

/** What the public sees of a confirmation: the signer masked, never in clear. */
export function publicConfirmation(c: PaymentConfirmation) {
  return {
    confirmedBy: maskName(c.confirmedBy),
    receivedAt: new Date(c.receivedAt).toISOString(),
    amountReceivedFen: c.amountReceivedFen,
    amountReceivedYuan: formatYuan(c.amountReceivedFen),
    note: c.note,
    confirmedAt: new Date(c.createdAt).toISOString(),
  };
}

/**
 * The recipient unit's confirmation that a cash disbursement arrived, from the signed link on the
 * payment notice (like the delivery note's for goods): who confirmed (shown masked), when it
 * arrived, how much, a note. Once only; a voided disbursement cannot be confirmed.
 */
@Injectable()
export class DisbursementConfirmationsService {
  constructor(
    private readonly repository: DisbursementConfirmationsRepository,
    private readonly signer: DisbursementConfirmationSigner,
    private readonly events: TotalsEvents,
  ) {}

  /** The disbursement a signed link names; a wrong or forged signature is the same 404 as an unknown id. */
  async forLink(id: string, signature: unknown): Promise<ConfirmablePayment> {
    const row = /^[0-9a-f-]{36}$/i.test(id) && this.signer.verify(id, signature) ? await this.repository.find(id) : null;
    if (!row) throw new DomainError('DISBURSEMENT_NOT_FOUND', '拨付记录不存在或链接无效');
    return row;
  }

  async confirm(id: string, signature: unknown, input: PaymentConfirmationInput) {
    const row = await this.forLink(id, signature);
    if (row.confirmation) throw new DomainError('DISBURSEMENT_ALREADY_CONFIRMED', '这笔拨付已确认收款');
    if (row.voided) throw new DomainError('DISBURSEMENT_ALREADY_VOIDED', '这笔拨付已作废（更正），无需确认');
    const confirmedBy = typeof input.confirmedBy === 'string' ? cleanText(input.confirmedBy) : null;
    if (!confirmedBy || confirmedBy.length > 50) throw new DomainError('INVALID_CONFIRMATION', '请填写确认人姓名（50 字以内）');
    const receivedAt = parseTimestamp(input.receivedAt);
    // The transfer may be dated before it was recorded, but not before its own day (Beijing time).
    const earliest = new Date(`${row.date}T00:00:00+08:00`).getTime();
    if (!receivedAt || receivedAt.getTime() > Date.now() + 86_400_000 || receivedAt.getTime() < earliest) {
      throw new DomainError('INVALID_CONFIRMATION', `请填写正确的到账时间（不早于拨付日期 ${row.date}）`);
    }
    const amountReceivedFen = receivedAmount(input);
    if (amountReceivedFen === null || amountReceivedFen > row.amountFen) {
      throw new DomainError('INVALID_CONFIRMATION', `实收金额须为 0 至 ${formatYuan(row.amountFen)} 元（最多两位小数）`);
    }
    const note = typeof input.note === 'string' ? cleanText(input.note) : null;
    if (note && note.length > 500) throw new DomainError('INVALID_CONFIRMATION', '备注请控制在 500 字以内');
    if (!(await this.repository.insert({ disbursementId: id, confirmedBy, receivedAt, amountReceivedFen, note }))) {
      throw new DomainError('DISBURSEMENT_ALREADY_CONFIRMED', '这笔拨付已确认收款');
    }
    this.events.changed(row.campaignId);
    const confirmed = (await this.repository.find(id))!;
    return { disbursementId: id, recipient: confirmed.recipient, amountFen: confirmed.amountFen, confirmation: publicConfirmation(confirmed.confirmation!) };
  }
}

function receivedAmount(input: PaymentConfirmationInput): number | null {
  if (typeof input.amountReceivedFen === 'number')
    return Number.isSafeInteger(input.amountReceivedFen) && input.amountReceivedFen >= 0 ? input.amountReceivedFen : null;
  if (typeof input.amountReceivedYuan === 'string') {
    try {
      return parseYuanToFen(input.amountReceivedYuan);
    } catch {
      return null;
    }
  }
  return null;
}
