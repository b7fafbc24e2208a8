import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import sjson from 'secure-json-parse';
import { paymentNotifications } from '../metrics/metrics';
import { PaymentNotification } from './payment-notification.entity';

const KEPT_HEADERS = [
  'x-original-content-type',
  'content-type',
  'user-agent',
  'x-signature',
  'x-request-id',
  'wechatpay-serial',
  'wechatpay-signature',
  'wechatpay-timestamp',
  'wechatpay-nonce',
];

/** Keeps every provider callback raw, before anything else happens to it, then notes the outcome. */
@Injectable()
export class NotificationLogService {
  // provider of each notification between received() and outcome(), for the metrics label
  private readonly providers = new Map<string, string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async received(provider: string, headers: Record<string, string | string[] | undefined>, rawBody: Buffer): Promise<string> {
    const kept: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = headers[name];
      // The callback's own content type was moved aside (bootstrap.ts) so its body stays raw bytes.
      const key = name === 'x-original-content-type' ? 'content-type' : name;
      if (value !== undefined && kept[key] === undefined) kept[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(PaymentNotification)
      .values({
        provider,
        headers: kept,
        // Stored as text; invalid UTF-8 becomes U+FFFD rather than failing the insert.
        rawBody: rawBody.toString('utf8').replace(/\u0000/g, '\uFFFD'),
        signatureValid: false,
        outcome: 'RECEIVED',
      })
      .returning('id')
      .execute();
    const id = String((result.raw as Array<{ id: string | number }>)[0].id);
    this.providers.set(id, provider);
    return id;
  }

  async outcome(id: string, fields: { signatureValid: boolean; outcome: string; orderNo?: string | null; transactionId?: string | null }): Promise<void> {
    paymentNotifications.inc({ provider: this.providers.get(id) ?? 'unknown', outcome: fields.outcome.split(':')[0] });
    this.providers.delete(id);
    await this.dataSource.getRepository(PaymentNotification).update(
      { id },
      {
        signatureValid: fields.signatureValid,
        outcome: fields.outcome,
        orderNo: fields.orderNo?.slice(0, 64) ?? null,
        transactionId: fields.transactionId?.slice(0, 128) ?? null,
      },
    );
  }
}

/** The media type the provider declared for its callback (kept aside by bootstrap.ts). */
export function declaredMediaType(headers: Record<string, string | string[] | undefined>): string {
  const value = headers['x-original-content-type'] ?? headers['content-type'];
  return String(Array.isArray(value) ? value[0] : (value ?? ''))
    .split(';')[0]
    .trim()
    .toLowerCase();
}

/** JSON.parse that refuses `__proto__` and `constructor.prototype` keys (prototype pollution). */
export function parseCallbackJson(text: string): unknown {
  return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
}
