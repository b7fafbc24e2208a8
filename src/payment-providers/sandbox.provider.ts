import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PaymentInstructions, PaymentOrder, PaymentProvider, RefundOrder, RefundResult } from './payment-provider';

/**
 * A stand-in for a real provider, on only when SANDBOX_PAYMENT_SECRET is set (and, under
 * NODE_ENV=production, SANDBOX_IN_PRODUCTION=true: play money must not reach a real ledger by a
 * copied env file). Its callbacks are signed like a real provider's:
 * `X-Signature: sha256=<hex HMAC-SHA256(raw body, secret)>`.
 */
@Injectable()
export class SandboxProvider implements PaymentProvider, OnApplicationBootstrap {
  readonly channel = 'sandbox' as const;
  private readonly logger = new Logger('SandboxProvider');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    if (this.config.sandboxDisabledReason) this.logger.warn(this.config.sandboxDisabledReason);
    else if (this.isEnabled() && this.config.nodeEnv === 'production')
      this.logger.warn('SANDBOX_IN_PRODUCTION=true: the sandbox payment provider is on in production');
  }

  isEnabled(): boolean {
    return this.config.sandboxPaymentSecret !== null;
  }

  async startPayment(order: PaymentOrder): Promise<PaymentInstructions> {
    return {
      provider: 'sandbox',
      checkoutUrl: `${this.config.publicBaseUrl}/pay/sandbox/${encodeURIComponent(order.orderNo)}`,
      expiresAt: order.expiresAt.toISOString(),
    };
  }

  /** The sandbox refunds at once. */
  async refund(order: RefundOrder): Promise<RefundResult> {
    return { status: 'succeeded', providerRefundId: `SBX-R-${order.refundNo}`, succeededAt: new Date() };
  }

  sign(rawBody: string | Buffer): string {
    return 'sha256=' + createHmac('sha256', this.secret()).update(rawBody).digest('hex');
  }

  verify(rawBody: Buffer, header: string | undefined): boolean {
    if (!this.isEnabled() || typeof header !== 'string') return false;
    // The prefix is exact (lowercase, as documented); the hex digits may be in either case.
    const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
    if (!match) return false;
    const expected = createHmac('sha256', this.secret()).update(rawBody).digest();
    return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
  }

  private secret(): string {
    if (!this.config.sandboxPaymentSecret) throw new Error('Sandbox provider is disabled');
    return this.config.sandboxPaymentSecret;
  }
}
