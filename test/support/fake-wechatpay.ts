import { createCipheriv, createHash, createSign, createVerify, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
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
  const signature = createSign('RSA-SHA256')
    .update(`${timestamp}\n${nonce}\n${body}\n`)
    .sign(opts.key ?? keys.platform.privateKey, 'base64');
  return {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': opts.serial ?? keys.platformSerial,
  };
}

/** A TRANSACTION.SUCCESS notification body with the transaction encrypted under the APIv3 key. */
export function successNotification(keys: WechatKeys, tx: Record<string, unknown>, apiV3Key = keys.apiV3Key): string {
  return notificationBody(keys, 'TRANSACTION.SUCCESS', 'transaction', '支付成功', tx, apiV3Key);
}

/** A REFUND.SUCCESS (or REFUND.ABNORMAL / REFUND.CLOSED) notification body, the refund encrypted likewise. */
export function refundNotification(keys: WechatKeys, refund: Record<string, unknown>, eventType = 'REFUND.SUCCESS'): string {
  return notificationBody(keys, eventType, 'refund', '退款成功', refund, keys.apiV3Key);
}

function notificationBody(
  keys: WechatKeys,
  eventType: string,
  originalType: string,
  summary: string,
  resource: Record<string, unknown>,
  apiV3Key: string,
): string {
  const nonce = randomBytes(6).toString('hex'); // 12 characters
  const aad = originalType;
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(JSON.stringify(resource)), cipher.final(), cipher.getAuthTag()]);
  return JSON.stringify({
    id: randomBytes(8).toString('hex'),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary,
    resource: { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), associated_data: aad, nonce },
  });
}

/** One payment line of a trade bill (bill_type=ALL), every field prefixed with a backtick as WeChat writes it. */
export function tradeBillLine(line: { time: string; mchId: string; appId: string; transactionId: string; orderNo: string; amountYuan: string }): string {
  return [
    line.time,
    line.appId,
    line.mchId,
    '0',
    '',
    line.transactionId,
    line.orderNo,
    'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    'NATIVE',
    'SUCCESS',
    'OTHERS',
    'CNY',
    line.amountYuan,
    '0.00',
    '0',
    '0',
    '0.00',
    '0.00',
    '',
    '',
    '温暖武汉',
    '',
    '0.00600',
    '0.60%',
    line.amountYuan,
    '0.00',
    '',
  ]
    .map((f) => '`' + f)
    .join(',');
}

export const TRADE_BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单总金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';

/** A whole bill: header, lines, then the summary WeChat appends. */
export function tradeBill(lines: string[]): string {
  return (
    [
      TRADE_BILL_HEADER,
      ...lines,
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      `\`${lines.length},\`0.00,\`0.00,\`0.00,\`0.00,\`0.00,\`0.00`,
    ].join('\r\n') + '\r\n'
  );
}

export interface FakeWechatPay {
  url: string;
  requests: { method: string; path: string; body: any; signatureValid: boolean }[];
  /** What a query for an order answers: set to simulate a payment whose notification got lost. */
  orders: Map<string, Record<string, unknown>>;
  /** Refunds asked for, by out_refund_no (what a refund query answers). */
  refunds: Map<string, Record<string, any>>;
  /** How the next refunds are answered: PROCESSING (as WeChat usually does), SUCCESS at once, or an error. */
  refundMode: 'PROCESSING' | 'SUCCESS' | { status: number; code: string };
  /** Trade bills by date (YYYY-MM-DD); a date without one answers NO_STATEMENT_EXIST. */
  bills: Map<string, string>;
  /** OAuth: the WeChat user who "opens" the authorize page next (their openid for the official account). */
  user: { openid: string };
  /** Which AppID each openid belongs to (an openid is per official account). */
  openids: Map<string, string>;
  /** OAuth codes issued: code → { appid, openid, used }. */
  codes: Map<string, { appid: string; openid: string; used: boolean }>;
  /** JSAPI and H5 orders made: prepay_id → the order's body. */
  prepays: Map<string, Record<string, any>>;
  /** Whether a JSAPI page's paySign is the merchant's RSA-SHA256 over appId, timeStamp, nonceStr and package. */
  verifyPaySign(p: { appId: string; timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string }): boolean;
  close(): Promise<void>;
}

export interface FakeWechatOptions {
  /** The official account (公众号) the OAuth endpoints serve. */
  appId?: string;
  appSecret?: string;
}

/** A local stand-in for api.mch.weixin.qq.com that checks each request's merchant signature. */
export async function startFakeWechatPay(keys: WechatKeys, mchId: string, options: FakeWechatOptions = {}): Promise<FakeWechatPay> {
  const requests: FakeWechatPay['requests'] = [];
  const user = { openid: `o${randomBytes(14).toString('base64url')}` };
  const openids = new Map<string, string>();
  const codes = new Map<string, { appid: string; openid: string; used: boolean }>();
  const prepays = new Map<string, Record<string, any>>();
  const json = (res: ServerResponse, body: unknown) => res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify(body));
  const orders = new Map<string, Record<string, unknown>>();
  const refunds = new Map<string, Record<string, any>>();
  const bills = new Map<string, string>();
  const downloads = new Map<string, string>();
  const fake = { refundMode: 'PROCESSING' as FakeWechatPay['refundMode'] };
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
      const url = new URL(req.url ?? '', 'http://fake');
      // open.weixin.qq.com: the authorize page WeChat shows (snsapi_base: silently) and redirects back from.
      if (req.method === 'GET' && url.pathname === '/connect/oauth2/authorize') {
        const q = url.searchParams;
        const redirect = q.get('redirect_uri');
        if (q.get('appid') !== options.appId || q.get('response_type') !== 'code' || q.get('scope') !== 'snsapi_base' || !redirect) {
          res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('参数错误');
          return;
        }
        const code = randomBytes(16).toString('hex');
        openids.set(user.openid, q.get('appid')!);
        codes.set(code, { appid: q.get('appid')!, openid: user.openid, used: false });
        const back = new URL(redirect);
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        res.writeHead(302, { location: back.toString() }).end();
        return;
      }
      // api.weixin.qq.com: code → openid.
      if (req.method === 'GET' && url.pathname === '/sns/oauth2/access_token') {
        const q = url.searchParams;
        if (q.get('appid') !== options.appId || q.get('secret') !== options.appSecret) return json(res, { errcode: 40125, errmsg: 'invalid appsecret' });
        if (q.get('grant_type') !== 'authorization_code') return json(res, { errcode: 40002, errmsg: 'invalid grant_type' });
        const issued = codes.get(q.get('code') ?? '');
        if (!issued || issued.appid !== q.get('appid')) return json(res, { errcode: 40029, errmsg: 'invalid code' });
        if (issued.used) return json(res, { errcode: 40163, errmsg: 'code been used' });
        issued.used = true;
        return json(res, {
          access_token: randomBytes(24).toString('hex'),
          expires_in: 7200,
          refresh_token: randomBytes(24).toString('hex'),
          openid: issued.openid,
          scope: 'snsapi_base',
        });
      }
      // wx.tenpay.com: the H5 cashier (only shows where the donor would pay).
      if (req.method === 'GET' && url.pathname === '/cgi-bin/mmpayweb-bin/checkmweb') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>微信支付（模拟收银台）</h1>');
        return;
      }
      const auth = /^WECHATPAY2-SHA256-RSA2048 mchid="(\d+)",nonce_str="([^"]+)",signature="([^"]+)",timestamp="(\d+)",serial_no="([^"]+)"$/.exec(
        req.headers.authorization ?? '',
      );
      const signatureValid =
        !!auth &&
        auth[1] === mchId &&
        auth[5] === keys.merchantSerial &&
        createVerify('RSA-SHA256').update(`${req.method}\n${req.url}\n${auth[4]}\n${auth[2]}\n${body}\n`).verify(keys.merchant.publicKey, auth[3], 'base64');
      const path = (req.url ?? '').split('?')[0];
      requests.push({ method: req.method ?? '', path, body: body ? JSON.parse(body) : null, signatureValid });
      if (!signatureValid) return reply(res, 401, { code: 'SIGN_ERROR', message: '签名错误' });
      if (req.method === 'POST' && path === '/v3/pay/transactions/jsapi') {
        const ask = JSON.parse(body);
        if (ask.mchid !== mchId || !ask.payer?.openid)
          return reply(res, 400, { code: 'PARAM_ERROR', message: '输入源“/body/payer/openid”映射到字段“用户标识”必填性规则校验失败' });
        if (openids.get(ask.payer.openid) !== ask.appid) return reply(res, 400, { code: 'PARAM_ERROR', message: 'appid和openid不匹配' });
        const prepayId = `wx${randomBytes(14).toString('hex')}`;
        prepays.set(prepayId, ask);
        return reply(res, 200, { prepay_id: prepayId });
      }
      if (req.method === 'POST' && path === '/v3/pay/transactions/h5') {
        const ask = JSON.parse(body);
        if (ask.mchid !== mchId || !ask.scene_info?.payer_client_ip || ask.scene_info?.h5_info?.type !== 'Wap')
          return reply(res, 400, { code: 'PARAM_ERROR', message: 'scene_info 不完整' });
        const prepayId = `wx${randomBytes(14).toString('hex')}`;
        prepays.set(prepayId, ask);
        return reply(res, 200, { h5_url: `${base}/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=${prepayId}&package=${randomBytes(4).readUInt32BE()}` });
      }
      if (req.method === 'POST' && path === '/v3/pay/transactions/native') {
        return reply(res, 200, { code_url: `weixin://wxpay/bizpayurl?pr=${randomBytes(4).toString('hex')}` });
      }
      const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && query) {
        const order = orders.get(decodeURIComponent(query[1]));
        return order ? reply(res, 200, order) : reply(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      }
      if (req.method === 'POST' && path === '/v3/refund/domestic/refunds') {
        const ask = JSON.parse(body);
        const mode = fake.refundMode;
        if (typeof mode === 'object') return reply(res, mode.status, { code: mode.code, message: '退款失败（模拟）' });
        const known = refunds.get(ask.out_refund_no);
        const refund = known ?? {
          refund_id: `5030000${randomBytes(6).toString('hex')}`,
          out_refund_no: ask.out_refund_no,
          out_trade_no: ask.out_trade_no,
          transaction_id: `4200000${randomBytes(6).toString('hex')}`,
          channel: 'ORIGINAL',
          create_time: new Date().toISOString(),
          status: mode,
          ...(mode === 'SUCCESS' ? { success_time: '2020-02-02T10:00:00+08:00' } : {}),
          amount: { total: ask.amount.total, refund: ask.amount.refund, payer_total: ask.amount.total, payer_refund: ask.amount.refund, currency: 'CNY' },
        };
        refunds.set(ask.out_refund_no, refund);
        return reply(res, 200, refund);
      }
      const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && refundQuery) {
        const refund = refunds.get(decodeURIComponent(refundQuery[1]));
        return refund ? reply(res, 200, refund) : reply(res, 404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
      }
      if (req.method === 'GET' && path === '/v3/bill/tradebill') {
        const params = new URL(req.url ?? '', 'http://fake').searchParams;
        const bill = bills.get(params.get('bill_date') ?? '');
        if (params.get('bill_type') !== 'ALL' || bill === undefined) return reply(res, 400, { code: 'NO_STATEMENT_EXIST', message: '账单文件不存在' });
        const token = randomBytes(8).toString('hex');
        downloads.set(token, bill);
        return reply(res, 200, {
          hash_type: 'SHA1',
          hash_value: createHash('sha1').update(bill).digest('hex'),
          download_url: `${base}/v3/billdownload/file?token=${token}`,
        });
      }
      if (req.method === 'GET' && path === '/v3/billdownload/file') {
        const bill = downloads.get(new URL(req.url ?? '', 'http://fake').searchParams.get('token') ?? '');
        if (bill === undefined) return reply(res, 404, { code: 'NOT_FOUND', message: 'no such bill' });
        // The bill itself is not signed: its SHA1 came with the signed answer above.
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(bill);
        return;
      }
      if (req.method === 'POST' && /\/close$/.test(path)) {
        res.writeHead(204).end();
        return;
      }
      reply(res, 404, { code: 'NOT_FOUND', message: 'no such API in the fake' });
    });
  });
  let base = '';
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    requests,
    orders,
    refunds,
    bills,
    user,
    openids,
    codes,
    prepays,
    verifyPaySign: (p) =>
      p.signType === 'RSA' &&
      createVerify('RSA-SHA256').update(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`).verify(keys.merchant.publicKey, p.paySign, 'base64'),
    get refundMode() {
      return fake.refundMode;
    },
    set refundMode(mode) {
      fake.refundMode = mode;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
