import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors';
import { cleanText, parseTimestamp } from '../common/text';
import type { InKindDeliveries, PublicDelivery } from '../totals/in-kind-totals';
import { DeliveryConfirmationSigner } from './delivery-confirmation.signer';
import { DeliveryConfirmationsRepository, DeliveryRow } from './delivery-confirmations.repository';
import { DeliveryView, toDeliveryView } from './dto/delivery.view';

export interface ConfirmationInput {
  confirmedBy: unknown;
  receivedAt: unknown;
  quantities: Record<string, unknown>;
  note?: unknown;
}

/**
 * The receiving unit's confirmation of a distribution, from the signed link on the delivery note:
 * who signed (shown masked), when, how many of each item arrived, a note. Once only.
 */
@Injectable()
export class DeliveryConfirmationsService implements InKindDeliveries {
  constructor(
    private readonly repository: DeliveryConfirmationsRepository,
    private readonly signer: DeliveryConfirmationSigner,
  ) {}

  /** The distribution a signed link names; 404 for a wrong signature, so ids cannot be probed. */
  async forLink(id: string, signature: unknown): Promise<DeliveryRow> {
    const row = /^[0-9a-f-]{36}$/i.test(id) && this.signer.verify(id, signature) ? await this.repository.find(id) : null;
    if (!row) throw new DomainError('DISTRIBUTION_NOT_FOUND', '发放记录不存在或链接无效');
    return row;
  }

  async confirm(id: string, signature: unknown, input: ConfirmationInput): Promise<DeliveryView> {
    const row = await this.forLink(id, signature);
    if (row.confirmation) throw new DomainError('DELIVERY_ALREADY_CONFIRMED', '这批物资已确认签收');
    const confirmedBy = typeof input.confirmedBy === 'string' ? cleanText(input.confirmedBy) : null;
    if (!confirmedBy || confirmedBy.length > 50) throw new DomainError('INVALID_CONFIRMATION', '请填写签收人姓名（50 字以内）');
    const receivedAt = parseTimestamp(input.receivedAt);
    if (!receivedAt || receivedAt.getTime() > Date.now() + 86_400_000 || receivedAt.getTime() < new Date(row.createdAt).getTime() - 60_000) {
      throw new DomainError('INVALID_CONFIRMATION', '请填写正确的收到时间（不早于发放时间）');
    }
    const quantities = row.items.map((item) => {
      const raw = input.quantities[item.itemCode];
      const quantity = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,12}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
      if (!Number.isSafeInteger(quantity) || quantity < 0 || quantity > item.quantity) {
        throw new DomainError('INVALID_CONFIRMATION', `${item.name} 的实收数量须为 0 至 ${item.quantity} 的整数`);
      }
      return { itemCode: item.itemCode, quantity };
    });
    const note = typeof input.note === 'string' ? cleanText(input.note) : null;
    if (note && note.length > 500) throw new DomainError('INVALID_CONFIRMATION', '备注请控制在 500 字以内');
    if (!(await this.repository.insert({ distributionId: id, confirmedBy, receivedAt, quantities, note }))) {
      throw new DomainError('DELIVERY_ALREADY_CONFIRMED', '这批物资已确认签收');
    }
    return toDeliveryView((await this.repository.find(id))!);
  }

  /** A campaign's distributions with their confirmations, for the public page (the signer's name masked). */
  async forCampaign(campaignId: string): Promise<PublicDelivery[]> {
    return (await this.repository.forCampaign(campaignId)).map(toDeliveryView);
  }
}
