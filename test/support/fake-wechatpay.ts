import { createCipheriv, createSign, createVerify, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** Key pairs playing WeChat's platform and our merchant, PEM-encoded as the service reads them. */
export function wechatKeys() {
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    platform,
    merchant,
    platformSerial: 'PLATFORMSERIAL0001',
    merchantSerial: 'MERCHANTSERIAL0001',
    platformPublicPem: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    merchantPrivatePem: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    apiV3Key: randomBytes(16).toString('hex'), // 32 characters
  };
}
export type WechatKeys = ReturnType<typeof wechatKeys>;

export function signAsWechat(keys: WechatKeys, body: string, opts: { timestamp?: number; nonce?: string; serial?: string; key?: KeyObject } = {}) {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(16).toString('hex');
  const signature = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(opts.key ?? keys.platform.privateKey, 'base64');
  return { 'wechatpay-timestamp': timestamp, 'wechatpay-nonce': nonce, 'wechatpay-signature': signature, 'wechatpay-serial': opts.serial ?? keys.platformSerial };
}

/** A TRANSACTION.SUCCESS notification body with the transaction encrypted under the APIv3 key. */
export function successNotification(keys: WechatKeys, tx: Record<string, unknown>, apiV3Key = keys.apiV3Key): string {
  const nonce = randomBytes(6).toString('hex'); // 12 characters
  const aad = 'transaction';
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(JSON.stringify(tx)), cipher.final(), cipher.getAuthTag()]);
  return JSON.stringify({
    id: randomBytes(8).toString('hex'),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), associated_data: aad, nonce },
  });
}

export interface FakeWechatPay {
  url: string;
  requests: { method: string; path: string; body: any; signatureValid: boolean }[];
  /** What a query for an order answers: set to simulate a payment whose notification got lost. */
  orders: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

/** A local stand-in for api.mch.weixin.qq.com that checks each request's merchant signature. */
export async function startFakeWechatPay(keys: WechatKeys, mchId: string): Promise<FakeWechatPay> {
  const requests: FakeWechatPay['requests'] = [];
  const orders = new Map<string, Record<string, unknown>>();
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers = { 'content-type': 'application/json', ...signAsWechat(keys, text) };
    res.writeHead(status, headers).end(text);
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const auth = /^WECHATPAY2-SHA256-RSA2048 mchid="(\d+)",nonce_str="([^"]+)",signature="([^"]+)",timestamp="(\d+)",serial_no="([^"]+)"$/.exec(req.headers.authorization ?? '');
      const signatureValid =
        !!auth &&
        auth[1] === mchId &&
        auth[5] === keys.merchantSerial &&
        createVerify('RSA-SHA256').update(`${req.method}\n${req.url}\n${auth[4]}\n${auth[2]}\n${body}\n`).verify(keys.merchant.publicKey, auth[3], 'base64');
      const path = (req.url ?? '').split('?')[0];
      requests.push({ method: req.method ?? '', path, body: body ? JSON.parse(body) : null, signatureValid });
      if (!signatureValid) return reply(res, 401, { code: 'SIGN_ERROR', message: '签名错误' });
      if (req.method === 'POST' && path === '/v3/pay/transactions/native') {
        return reply(res, 200, { code_url: `weixin://wxpay/bizpayurl?pr=${randomBytes(4).toString('hex')}` });
      }
      const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && query) {
        const order = orders.get(decodeURIComponent(query[1]));
        return order ? reply(res, 200, order) : reply(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      }
      if (req.method === 'POST' && /\/close$/.test(path)) {
        res.writeHead(204).end();
        return;
      }
      reply(res, 404, { code: 'NOT_FOUND', message: 'no such API in the fake' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, orders, close: () => new Promise((r) => server.close(() => r())) };
}
