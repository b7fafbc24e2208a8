import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Signs a distribution's id for the delivery note's QR code: /confirm/:id?s=<signature>, opened without an account. */
@Injectable()
export class DeliveryConfirmationSigner {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createHmac('sha256', config.appSecret).update('wennuan:delivery-confirmation').digest();
  }

  sign(distributionId: string): string {
    return createHmac('sha256', this.key).update(distributionId).digest().subarray(0, 16).toString('base64url');
  }

  verify(distributionId: string, signature: unknown): boolean {
    if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(signature)) return false;
    const expected = Buffer.from(this.sign(distributionId));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  url(distributionId: string): string {
    return `${this.config.publicBaseUrl}/confirm/${distributionId}?s=${this.sign(distributionId)}`;
  }
}
