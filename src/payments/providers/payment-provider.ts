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

/** One interface for every provider, so turning one on is configuration only. */
export interface PaymentProvider {
  readonly channel: DonationChannel;
  isEnabled(): boolean;
  startPayment(order: PaymentOrder): Promise<PaymentInstructions>;
  /** Closes an unpaid order at the provider after it expires (providers that support it). */
  closePayment?(orderNo: string): Promise<void>;
}
