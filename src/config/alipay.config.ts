import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Alipay open platform settings; null when ALIPAY_APP_ID is unset (Alipay off). */
export interface AlipayConfig {
  appId: string;
  appPrivateKey: KeyObject; // signs our requests (RSA2)
  alipayPublicKey: KeyObject; // verifies Alipay's answers and notifications
  gateway: string;
  notifyUrl: string;
  sellerId: string | null;
}

export class AlipayConfigError extends Error {}

function pem(name: string, value: string, kind: 'PRIVATE' | 'PUBLIC'): string {
  const text = value.trim().replace(/\\n/g, '\n');
  if (text.startsWith('-----BEGIN')) return text;
  if (/^[A-Za-z0-9+/=\s]{200,}$/.test(text)) {
    // Alipay's console shows bare base64 keys; wrap them as PEM.
    const body = text
      .replace(/\s+/g, '')
      .match(/.{1,64}/g)!
      .join('\n');
    return kind === 'PRIVATE'
      ? `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`
      : `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`;
  }
  try {
    return readFileSync(text, 'utf8');
  } catch {
    throw new AlipayConfigError(`${name} must be a PEM, a base64 key, or the path of a readable key file`);
  }
}

export function loadAlipayConfig(env: NodeJS.ProcessEnv, publicBaseUrl: string): AlipayConfig | null {
  const appId = env.ALIPAY_APP_ID;
  if (!appId) return null;
  for (const name of ['ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY']) if (!env[name]) throw new AlipayConfigError(`${name} is required when ALIPAY_APP_ID is set`);
  if (!/^\d{8,32}$/.test(appId)) throw new AlipayConfigError('ALIPAY_APP_ID must be the digits of the app id');
  let appPrivateKey: KeyObject;
  let alipayPublicKey: KeyObject;
  try {
    appPrivateKey = createPrivateKey(pem('ALIPAY_PRIVATE_KEY', env.ALIPAY_PRIVATE_KEY!, 'PRIVATE'));
  } catch (error) {
    if (error instanceof AlipayConfigError) throw error;
    throw new AlipayConfigError('ALIPAY_PRIVATE_KEY holds no valid private key');
  }
  try {
    alipayPublicKey = createPublicKey(pem('ALIPAY_PUBLIC_KEY', env.ALIPAY_PUBLIC_KEY!, 'PUBLIC'));
  } catch (error) {
    if (error instanceof AlipayConfigError) throw error;
    throw new AlipayConfigError('ALIPAY_PUBLIC_KEY holds no valid public key');
  }
  const gateway = env.ALIPAY_GATEWAY ?? 'https://openapi.alipay.com/gateway.do';
  if (!/^https?:\/\/\S+$/.test(gateway)) throw new AlipayConfigError('ALIPAY_GATEWAY must be an http(s) URL');
  return {
    appId,
    appPrivateKey,
    alipayPublicKey,
    gateway,
    notifyUrl: env.ALIPAY_NOTIFY_URL ?? `${publicBaseUrl}/api/payments/alipay/notify`,
    sellerId: env.ALIPAY_SELLER_ID ?? null,
  };
}
