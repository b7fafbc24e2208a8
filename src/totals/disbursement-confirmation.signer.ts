import { Inject, Injectable } from '@nestjs/common';
import { LinkSigner } from '../common/link-signer';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Signs a disbursement's id for the payment notice's QR code: /confirm/payment/:id?s=<signature>,
 * where the recipient unit confirms the money arrived, without an account. A delivery note's
 * signature (another purpose) never opens it.
 */
@Injectable()
export class DisbursementConfirmationSigner {
  private readonly signer: LinkSigner;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.signer = new LinkSigner(config.appSecret, 'wennuan:disbursement-confirmation');
  }

  verify(disbursementId: string, signature: unknown): boolean {
    return this.signer.verify(disbursementId, signature);
  }

  url(disbursementId: string): string {
    return `${this.config.publicBaseUrl}/confirm/payment/${disbursementId}?s=${this.signer.sign(disbursementId)}`;
  }
}
