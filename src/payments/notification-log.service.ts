import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
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

/** What is kept of a callback until its signature is verified: anyone can post anything here. */
export const UNVERIFIED_BODY_BYTES = 4096;

/**
 * Keeps every provider callback before anything else happens to it, then notes the outcome. Until
 * its signature is verified only a bounded record is kept (SHA-256 and length of the whole body,
 * its first UNVERIFIED_BODY_BYTES, `body_truncated`); a verified callback gets its full body.
 */
@Injectable()
export class NotificationLogService {
  // provider and body of each notification between received() and outcome()
  private readonly inFlight = new Map<string, { provider: string; body: Buffer; truncated: boolean }>();

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
        rawBody: asText(rawBody.subarray(0, UNVERIFIED_BODY_BYTES)),
        bodySha256: createHash('sha256').update(rawBody).digest('hex'),
        bodyBytes: rawBody.length,
        bodyTruncated: rawBody.length > UNVERIFIED_BODY_BYTES,
        signatureValid: false,
        outcome: 'RECEIVED',
      })
      .returning('id')
      .execute();
    const id = String((result.raw as Array<{ id: string | number }>)[0].id);
    this.inFlight.set(id, { provider, body: rawBody, truncated: rawBody.length > UNVERIFIED_BODY_BYTES });
    return id;
  }

  async outcome(id: string, fields: { signatureValid: boolean; outcome: string; orderNo?: string | null; transactionId?: string | null }): Promise<void> {
    const received = this.inFlight.get(id);
    paymentNotifications.inc({ provider: received?.provider ?? 'unknown', outcome: fields.outcome.split(':')[0] });
    this.inFlight.delete(id);
    // A verified callback came from the provider: it is kept whole, as received.
    const whole = fields.signatureValid && received?.truncated ? { rawBody: asText(received.body), bodyTruncated: false } : {};
    await this.dataSource.getRepository(PaymentNotification).update(
      { id },
      {
        ...whole,
        signatureValid: fields.signatureValid,
        outcome: fields.outcome,
        orderNo: fields.orderNo?.slice(0, 64) ?? null,
        transactionId: fields.transactionId?.slice(0, 128) ?? null,
      },
    );
  }
}

/** Stored as text; invalid UTF-8 becomes U+FFFD (and NUL too) rather than failing the insert. */
function asText(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/\u0000/g, '\uFFFD');
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
