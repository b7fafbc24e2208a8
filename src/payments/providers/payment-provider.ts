import type { DonationChannel } from '../../donations/donation.entity';

/** What the donor's device needs to pay: a checkout page to open, or a code to show as a QR code. */
export interface PaymentInstructions {
  provider: DonationChannel;
  checkoutUrl?: string;
  codeUrl?: string;
  expiresAt?: string;
}

export interface PaymentOrder {
  orderNo: string;
  amountFen: number;
  description: string;
  expiresAt: Date;
}

/** A payment confirmed by a provider, after its signature was verified. */
export interface PaymentConfirmation {
  provider: DonationChannel;
  orderNo: string;
  transactionId: string;
  amountFen: number;
  paidAt: Date;
}

/** A refund of a whole order, asked of the provider under our own refund number (retries reuse it). */
export interface RefundOrder {
  orderNo: string;
  refundNo: string;
  amountFen: number; // refunded
  totalFen: number; // the order's amount
  reason: string;
}

/** `succeeded`: the money is on its way back; `processing`: the provider will tell (notification or query). */
export interface RefundResult {
  status: 'succeeded' | 'processing';
  providerRefundId?: string;
  succeededAt?: Date;
}

/**
 * A provider could not refund. `definite`: it said no (the refund can be asked again under a new
 * number); otherwise the answer is unknown (unreachable, timeout, 5xx) and the same number must be
 * retried, so the provider never refunds twice.
 */
export class RefundFailure extends Error {
  constructor(
    message: string,
    readonly definite: boolean,
  ) {
    super(message);
  }
}

/** One interface for every provider, so turning one on is configuration only. */
export interface PaymentProvider {
  readonly channel: DonationChannel;
  isEnabled(): boolean;
  startPayment(order: PaymentOrder): Promise<PaymentInstructions>;
  /** Closes an unpaid order at the provider after it expires (providers that support it). */
  closePayment?(orderNo: string): Promise<void>;
  /** Refunds a paid order through the provider; throws RefundFailure. */
  refund?(order: RefundOrder): Promise<RefundResult>;
}
