import type { FastifyRequest } from 'fastify';
import type { PaymentClient, PaymentClientKind } from './payment-provider';
import type { WechatOAuthService } from './wechatpay/wechat-oauth.service';

/**
 * Where a page is opened, from its user agent: WeChat's own browser says `MicroMessenger`, the
 * Alipay app `AlipayClient`; other phones say Mobile/Android/iPhone/HarmonyOS; the rest is a desktop.
 */
export function paymentClientKind(userAgent: string | undefined): PaymentClientKind {
  const ua = userAgent ?? '';
  if (/MicroMessenger/i.test(ua)) return 'wechat';
  if (/AlipayClient/i.test(ua)) return 'alipay';
  if (/Mobile|Android|iPhone|iPad|iPod|HarmonyOS|OpenHarmony|Windows Phone/i.test(ua)) return 'mobile';
  return 'desktop';
}

/** Where a request pays from: its user agent, its address and (inside WeChat) the openid its browser holds. */
export function paymentClientOf(request: FastifyRequest, oauth: WechatOAuthService): PaymentClient {
  const kind = paymentClientKind(request.headers['user-agent']);
  const ip = (request.ip ?? '').replace(/^::ffff:/, '') || undefined;
  const openid = kind === 'wechat' ? oauth.openidOf(request) : undefined;
  return { kind, ip, ...(openid ? { openid } : {}) };
}
