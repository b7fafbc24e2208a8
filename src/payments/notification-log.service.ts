import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import sjson from 'secure-json-parse';
import { DomainError } from '../common/errors';
import type { LedgerJournal } from '../donations/donation-ledger.service';
import { paymentNotifications } from '../metrics/metrics';
import { PaymentNotificationsRepository } from './payment-notifications.repository';

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

/** One provider callback being handled: recorded once, with its outcome. */
export interface NotificationNote {
  readonly provider: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  /** Set once the provider's signature checks out: a verified callback is kept whole. */
  verified: boolean;
  /** What it names, once read from it. */
  refs: { orderNo?: string | null; transactionId?: string | null };
  recorded: boolean;
}

export interface NotificationOutcome {
  outcome: string;
  signatureValid?: boolean;
  orderNo?: string | null;
  transactionId?: string | null;
}

/**
 * Keeps every provider callback, whatever its outcome: one row per callback, written once with its
 * outcome. A callback that settles a payment is written inside the ledger's transaction (journal()),
 * so the record and what it changed commit together; a crash before that commit leaves neither, and
 * the provider, never answered, sends it again. Until its signature is verified only a bounded
 * record is kept (SHA-256 and length of the whole body, its first UNVERIFIED_BODY_BYTES,
 * `body_truncated`); a verified callback gets its full body.
 */
@Injectable()
export class NotificationLogService {
  constructor(private readonly notifications: PaymentNotificationsRepository) {}

  /** A callback has arrived: noted in memory, written by record(). */
  open(provider: string, headers: Record<string, string | string[] | undefined>, body: Buffer): NotificationNote {
    const kept: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = headers[name];
      // The callback's own content type was moved aside (bootstrap.ts) so its body stays raw bytes.
      const key = name === 'x-original-content-type' ? 'content-type' : name;
      if (value !== undefined && kept[key] === undefined) kept[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { provider, headers: kept, body, verified: false, refs: {}, recorded: false };
  }

  /** Writes the callback with its outcome (in `manager`'s transaction when given); once per callback. */
  async record(note: NotificationNote, fields: NotificationOutcome, manager?: EntityManager): Promise<void> {
    if (note.recorded) return;
    const signatureValid = fields.signatureValid ?? note.verified;
    const whole = signatureValid || note.body.length <= UNVERIFIED_BODY_BYTES;
    await this.notifications.insert(
      {
        provider: note.provider,
        headers: note.headers,
        rawBody: asText(whole ? note.body : note.body.subarray(0, UNVERIFIED_BODY_BYTES)),
        bodySha256: createHash('sha256').update(note.body).digest('hex'),
        bodyBytes: note.body.length,
        bodyTruncated: !whole,
        signatureValid,
        outcome: fields.outcome,
        orderNo: (fields.orderNo ?? note.refs.orderNo)?.slice(0, 64) ?? null,
        transactionId: (fields.transactionId ?? note.refs.transactionId)?.slice(0, 128) ?? null,
      },
      manager,
    );
    // Counted when written: a transaction rolled back (and retried by the provider) counts once.
    note.recorded = true;
    paymentNotifications.inc({ provider: note.provider, outcome: fields.outcome.split(':')[0] });
  }

  /** For the ledger: records the callback, verified, with the ledger's outcome, inside its transaction. */
  journal(note: NotificationNote): LedgerJournal {
    return (manager, outcome) => this.record(note, { signatureValid: true, outcome }, manager);
  }

  /**
   * The handling of a callback failed before it was recorded (the ledger's transaction rolled back,
   * or something unexpected): record it now with the error's code, best effort, and let it propagate.
   */
  async recordFailure(note: NotificationNote, error: unknown): Promise<void> {
    if (note.recorded) return;
    await this.record(note, { outcome: error instanceof DomainError ? error.code : 'ERROR' }).catch(() => undefined);
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
