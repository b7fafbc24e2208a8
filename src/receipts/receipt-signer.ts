import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Signs receipt numbers for the public verification link: /verify/:receiptNo?s=<signature>. */
@Injectable()
export class ReceiptSigner {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createHmac('sha256', config.appSecret).update('wennuan:receipt-verification').digest();
  }

  sign(receiptNo: string): string {
    return createHmac('sha256', this.key).update(receiptNo).digest().subarray(0, 16).toString('base64url');
  }

  verify(receiptNo: string, signature: unknown): boolean {
    if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(signature)) return false;
    const expected = Buffer.from(this.sign(receiptNo));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  verifyUrl(receiptNo: string): string {
    return `${this.config.publicBaseUrl}/verify/${encodeURIComponent(receiptNo)}?s=${this.sign(receiptNo)}`;
  }
}
