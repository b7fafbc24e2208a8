import { Module } from '@nestjs/common';
import { PaymentProviders } from './payment-providers';
import { SandboxProvider } from './sandbox.provider';
import { WechatPayClient } from './wechatpay/wechatpay.client';
import { WechatPayProvider } from './wechatpay/wechatpay.provider';
import { AlipayClient } from './alipay/alipay.client';
import { AlipayProvider } from './alipay/alipay.provider';
import { WechatOAuthService } from './wechatpay/wechat-oauth.service';

@Module({
  providers: [SandboxProvider, WechatPayClient, WechatPayProvider, AlipayClient, AlipayProvider, PaymentProviders, WechatOAuthService],
  exports: [SandboxProvider, WechatPayClient, WechatPayProvider, AlipayClient, AlipayProvider, PaymentProviders, WechatOAuthService],
})
export class PaymentProvidersModule {}
