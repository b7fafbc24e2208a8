import { Inject, Injectable } from '@nestjs/common';
import { LinkSigner } from '../common/link-signer';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Signs a distribution's id for the delivery note's QR code: /confirm/:id?s=<signature>, opened without an account. */
@Injectable()
export class DeliveryConfirmationSigner {
  private readonly signer: LinkSigner;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.signer = new LinkSigner(config.appSecret, 'wennuan:delivery-confirmation');
  }

  sign(distributionId: string): string {
    return this.signer.sign(distributionId);
  }

  verify(distributionId: string, signature: unknown): boolean {
    return this.signer.verify(distributionId, signature);
  }

  url(distributionId: string): string {
    return `${this.config.publicBaseUrl}/confirm/${distributionId}?s=${this.sign(distributionId)}`;
  }
}
