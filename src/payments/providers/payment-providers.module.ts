import { Module } from '@nestjs/common';
import { PaymentProviders } from './payment-providers';
import { SandboxProvider } from './sandbox.provider';
import { WechatPayClient } from '../wechatpay/wechatpay.client';
import { WechatPayProvider } from '../wechatpay/wechatpay.provider';
import { AlipayClient } from '../alipay/alipay.client';
import { AlipayProvider } from '../alipay/alipay.provider';

@Module({
  providers: [SandboxProvider, WechatPayClient, WechatPayProvider, AlipayClient, AlipayProvider, PaymentProviders],
  exports: [SandboxProvider, WechatPayClient, AlipayClient, PaymentProviders],
})
export class PaymentProvidersModule {}
