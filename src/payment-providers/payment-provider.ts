/**
 * The channels money arrives through: the providers' own, and bank transfers (recorded by staff, no
 * provider). A donation's `channel` is one of them.
 */
export type PaymentChannel = 'sandbox' | 'wechatpay' | 'alipay' | 'bank_transfer';

/**
 * Where the order is paid from, as the page's user agent says: inside WeChat, inside the Alipay
 * app, another phone browser, or a desktop (which shows QR codes).
 */
export type PaymentClientKind = 'wechat' | 'alipay' | 'mobile' | 'desktop';

export interface PaymentClient {
  kind: PaymentClientKind;
  /** The donor's address (WeChat H5 wants it as scene_info.payer_client_ip). */
  ip?: string;
  /** The donor's openid for the configured official account, from the silent OAuth (JSAPI). Never logged. */
  openid?: string;
}

/** The parameters WeixinJSBridge.invoke('getBrandWCPayRequest') takes (paySign: RSA-SHA256, signType RSA). */
export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/**
 * What the donor's device needs to pay: a checkout page to open, a code to show as a QR code, the
 * JSAPI parameters for WeixinJSBridge, or a signed form to submit to the Alipay gateway.
 */
export interface PaymentInstructions {
  provider: PaymentChannel;
  /** NATIVE, JSAPI, H5 (WeChat); PRECREATE, WAP (Alipay); absent for the sandbox. */
  tradeType?: 'NATIVE' | 'JSAPI' | 'H5' | 'PRECREATE' | 'WAP';
  checkoutUrl?: string;
  codeUrl?: string;
  jsapi?: JsapiPayParams;
  /** JSAPI: the prepay_id (fresh bridge parameters can be signed for it again). */
  prepayId?: string;
  form?: { action: string; method: 'POST'; fields: Record<string, string> };
  expiresAt?: string;
}

export interface PaymentOrder {
  orderNo: string;
  amountFen: number;
  description: string;
  expiresAt: Date;
  /** Where the donor pays from; absent: a desktop (QR codes). */
  client?: PaymentClient;
}

/** A payment confirmed by a provider, after its signature was verified. */
export interface PaymentConfirmation {
  provider: PaymentChannel;
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
  readonly channel: PaymentChannel;
  isEnabled(): boolean;
  startPayment(order: PaymentOrder): Promise<PaymentInstructions>;
  /** Closes an unpaid order at the provider after it expires (providers that support it). */
  closePayment?(orderNo: string): Promise<void>;
  /** Refunds a paid order through the provider; throws RefundFailure. */
  refund?(order: RefundOrder): Promise<RefundResult>;
}
