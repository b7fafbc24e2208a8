import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors';
import { PaymentChannel, PaymentProvider } from './payment-provider';
import { SandboxProvider } from './sandbox.provider';
import { WechatPayProvider } from './wechatpay/wechatpay.provider';
import { AlipayProvider } from './alipay/alipay.provider';

/** The registry of providers by channel; donations ask it, never a provider class directly. */
@Injectable()
export class PaymentProviders {
  private readonly byChannel: Map<PaymentChannel, PaymentProvider>;

  constructor(sandbox: SandboxProvider, wechatpay: WechatPayProvider, alipay: AlipayProvider) {
    this.byChannel = new Map<PaymentChannel, PaymentProvider>([
      [sandbox.channel, sandbox],
      [wechatpay.channel, wechatpay],
      [alipay.channel, alipay],
    ]);
  }

  /** The provider of a channel whether or not it takes new orders (for closing and reconciling). */
  find(channel: PaymentChannel): PaymentProvider | undefined {
    return this.byChannel.get(channel);
  }

  get(channel: PaymentChannel): PaymentProvider {
    const provider = this.byChannel.get(channel);
    if (!provider || !provider.isEnabled()) {
      throw new DomainError('PAYMENT_CHANNEL_DISABLED', '该支付方式暂未开通');
    }
    return provider;
  }

  enabledChannels(): PaymentChannel[] {
    return [...this.byChannel.values()].filter((p) => p.isEnabled()).map((p) => p.channel);
  }
}
