import { createDecipheriv, createSign, createVerify, KeyObject, randomBytes } from 'node:crypto';

/** Signature scheme of WeChat Pay API v3 requests (merchant → WeChat). */
export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

/** `Authorization` header for a request to WeChat Pay: RSA-SHA256 over method, path, time, nonce, body. */
export function authorization(input: {
  method: string;
  pathWithQuery: string;
  body: string;
  mchId: string;
  serial: string;
  privateKey: KeyObject;
  timestamp?: number;
  nonce?: string;
}): string {
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = input.nonce ?? randomBytes(16).toString('hex');
  const message = `${input.method}\n${input.pathWithQuery}\n${timestamp}\n${nonce}\n${input.body}\n`;
  const signature = createSign('RSA-SHA256').update(message).sign(input.privateKey, 'base64');
  return `${AUTH_SCHEMA} mchid="${input.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${input.serial}"`;
}

export interface SignedMessage {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  serial: string | undefined;
  body: Buffer | string;
}

export type VerifyFailure = 'MISSING_HEADERS' | 'UNKNOWN_SERIAL' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE';

/**
 * Verifies a message WeChat signed (a notification or an API response): RSA-SHA256 over
 * `timestamp\nnonce\nbody\n` with the platform key named by Wechatpay-Serial, and a timestamp
 * within `maxSkewSeconds` of now (so a captured notification cannot be replayed later).
 */
export function verifyWechatSignature(
  message: SignedMessage,
  platformKeys: Map<string, KeyObject>,
  nowSeconds = Date.now() / 1000,
  maxSkewSeconds = 300,
): VerifyFailure | null {
  const { timestamp, nonce, signature, serial } = message;
  if (!timestamp || !nonce || !signature || !serial) return 'MISSING_HEADERS';
  const key = platformKeys.get(serial);
  if (!key) return 'UNKNOWN_SERIAL';
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > maxSkewSeconds) return 'STALE_TIMESTAMP';
  const body = typeof message.body === 'string' ? message.body : message.body.toString('utf8');
  const ok = createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).verify(key, signature, 'base64');
  return ok ? null : 'BAD_SIGNATURE';
}

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
}

/** Decrypts a notification `resource` (AEAD_AES_256_GCM under the APIv3 key); throws when tampered. */
export function decryptResource(resource: EncryptedResource, apiV3Key: Buffer): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unsupported algorithm ${resource.algorithm}`);
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(resource.nonce, 'utf8'));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}
