import { createPrivateKey, createPublicKey, KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** WeChat Pay API v3 merchant settings; null when WECHATPAY_MCH_ID is unset (WeChat Pay off). */
export interface WechatPayConfig {
  mchId: string;
  appId: string;
  apiV3Key: Buffer; // 32 bytes, decrypts notification resources
  merchantSerial: string; // serial of the merchant API certificate
  merchantPrivateKey: KeyObject; // signs requests to WeChat
  platformKeys: Map<string, KeyObject>; // Wechatpay-Serial → platform public key (verifies WeChat)
  apiBase: string; // https://api.mch.weixin.qq.com
  notifyUrl: string;
  /** The official account's AppSecret (WECHAT_APP_SECRET): turns on JSAPI inside WeChat; null: off. */
  appSecret: string | null;
  oauthBase: string; // https://open.weixin.qq.com (the OAuth authorize page)
  snsApiBase: string; // https://api.weixin.qq.com (code → openid)
}

export class WechatPayConfigError extends Error {}

/** A PEM given inline (with real or `\n` newlines) or as a path to a file. */
function pem(name: string, value: string): string {
  const text = value.trim();
  if (text.startsWith('-----BEGIN')) return text.replace(/\\n/g, '\n');
  try {
    return readFileSync(text, 'utf8');
  } catch {
    throw new WechatPayConfigError(`${name} must be a PEM or the path of a readable PEM file`);
  }
}

function publicKeyFrom(name: string, text: string): KeyObject {
  try {
    return text.includes('CERTIFICATE') ? new X509Certificate(text).publicKey : createPublicKey(text);
  } catch {
    throw new WechatPayConfigError(`${name} holds no valid public key or certificate`);
  }
}

export function loadWechatPayConfig(env: NodeJS.ProcessEnv, publicBaseUrl: string): WechatPayConfig | null {
  const mchId = env.WECHATPAY_MCH_ID;
  if (!mchId) return null;
  const required = ['WECHATPAY_APP_ID', 'WECHATPAY_API_V3_KEY', 'WECHATPAY_MERCHANT_SERIAL', 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_PLATFORM_PUBLIC_KEYS'];
  for (const name of required) if (!env[name]) throw new WechatPayConfigError(`${name} is required when WECHATPAY_MCH_ID is set`);
  if (!/^\d{6,32}$/.test(mchId)) throw new WechatPayConfigError('WECHATPAY_MCH_ID must be the digits of the merchant id');
  const apiV3Key = Buffer.from(env.WECHATPAY_API_V3_KEY!, 'utf8');
  if (apiV3Key.length !== 32) throw new WechatPayConfigError('WECHATPAY_API_V3_KEY must be the 32-character APIv3 key');
  let merchantPrivateKey: KeyObject;
  try {
    merchantPrivateKey = createPrivateKey(pem('WECHATPAY_PRIVATE_KEY', env.WECHATPAY_PRIVATE_KEY!));
  } catch (error) {
    if (error instanceof WechatPayConfigError) throw error;
    throw new WechatPayConfigError('WECHATPAY_PRIVATE_KEY holds no valid private key');
  }
  // SERIAL=<pem or path>[,SERIAL=<pem or path>…]: WeChat rotates platform keys, so several are accepted.
  const platformKeys = new Map<string, KeyObject>();
  for (const entry of env.WECHATPAY_PLATFORM_PUBLIC_KEYS!.split(/,(?=[^,=]+=)/)) {
    const at = entry.indexOf('=');
    const serial = entry.slice(0, at).trim();
    if (at <= 0 || !/^[A-Za-z0-9_]{1,64}$/.test(serial))
      throw new WechatPayConfigError('WECHATPAY_PLATFORM_PUBLIC_KEYS must be SERIAL=<pem or file>[,SERIAL=…]');
    platformKeys.set(serial, publicKeyFrom('WECHATPAY_PLATFORM_PUBLIC_KEYS', pem('WECHATPAY_PLATFORM_PUBLIC_KEYS', entry.slice(at + 1))));
  }
  const apiBase = (env.WECHATPAY_API_BASE ?? 'https://api.mch.weixin.qq.com').replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(apiBase)) throw new WechatPayConfigError('WECHATPAY_API_BASE must be an http(s) URL');
  const oauthBase = (env.WECHAT_OAUTH_BASE ?? 'https://open.weixin.qq.com').replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(oauthBase)) throw new WechatPayConfigError('WECHAT_OAUTH_BASE must be an http(s) URL');
  const snsApiBase = (env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(snsApiBase)) throw new WechatPayConfigError('WECHAT_API_BASE must be an http(s) URL');
  const appSecret = env.WECHAT_APP_SECRET?.trim() || null;
  if (appSecret !== null && !/^[A-Za-z0-9]{16,64}$/.test(appSecret))
    throw new WechatPayConfigError("WECHAT_APP_SECRET must be the official account's AppSecret (letters and digits)");
  return {
    mchId,
    appId: env.WECHATPAY_APP_ID!,
    apiV3Key,
    merchantSerial: env.WECHATPAY_MERCHANT_SERIAL!,
    merchantPrivateKey,
    platformKeys,
    apiBase,
    notifyUrl: env.WECHATPAY_NOTIFY_URL ?? `${publicBaseUrl}/api/payments/wechatpay/notify`,
    appSecret,
    oauthBase,
    snsApiBase,
  };
}
