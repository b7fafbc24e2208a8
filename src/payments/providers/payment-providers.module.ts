import { Module } from '@nestjs/common';
import { PaymentProviders } from './payment-providers';
import { SandboxProvider } from './sandbox.provider';
import { WechatPayClient } from '../wechatpay/wechatpay.client';
import { WechatPayProvider } from '../wechatpay/wechatpay.provider';

@Module({
  providers: [SandboxProvider, WechatPayClient, WechatPayProvider, PaymentProviders],
  exports: [SandboxProvider, WechatPayClient, PaymentProviders],
})
export class PaymentProvidersModule {}
