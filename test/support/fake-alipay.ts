import { generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { beijingTime, rsa2Sign, rsa2Verify, signingString } from '../../src/payment-providers/alipay/alipay-sign';

const pem = (k: KeyObject, type: 'pkcs8' | 'spki') => k.export({ type, format: 'pem' }).toString();

export interface FakeTrade {
  out_trade_no: string;
  total_amount: string;
  trade_no?: string;
  trade_status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
  notify_url: string;
  return_url: string;
}

export interface FakeAlipay {
  url: string;
  gateway: string;
  appId: string;
  /** The env the service needs to talk to this gateway. */
  env: Record<string, string>;
  /** Every request (API calls and browser form submissions), with whether our RSA2 signature checked out. */
  calls: { params: Record<string, string>; signatureValid: boolean }[];
  trades: Map<string, FakeTrade>;
  /** Where notifications go: notify_url's path on this origin (the test app's address). */
  appOrigin: string;
  /** The donor pays at the cashier: the trade is paid, the async notification sent; answers the signed return_url. */
  pay(token: string): Promise<{ returnUrl: string; notifyStatus: number; notifyAnswer: string }>;
  /** A return_url query as Alipay signs it (sign and sign_type left out of the signed string). */
  signedReturn(trade: FakeTrade, key?: KeyObject): Record<string, string>;
  close(): Promise<void>;
}

/**
 * A stand-in for openapi.alipay.com/gateway.do: checks our RSA2 signatures, answers API calls signed
 * with "Alipay's" key, and for alipay.trade.wap.pay (a form the donor's browser submits) shows a
 * cashier whose "确认付款" pays the trade, sends the RSA2-signed notification and redirects to return_url.
 */
export async function startFakeAlipay(appId = '2021000000000001'): Promise<FakeAlipay> {
  const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipayKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const calls: FakeAlipay['calls'] = [];
  const trades = new Map<string, FakeTrade>();
  const cashier = new Map<string, string>(); // token → out_trade_no
  const state = { appOrigin: '' };

  const signedReturn = (trade: FakeTrade, key = alipayKeys.privateKey): Record<string, string> => {
    const params: Record<string, string> = {
      charset: 'utf-8',
      out_trade_no: trade.out_trade_no,
      method: 'alipay.trade.wap.pay.return',
      total_amount: trade.total_amount,
      trade_no: trade.trade_no ?? `2020020122001${randomBytes(5).toString('hex')}`,
      auth_app_id: appId,
      version: '1.0',
      app_id: appId,
      seller_id: '2088102147948060',
      timestamp: beijingTime(new Date()),
    };
    params.sign = rsa2Sign(signingString(params, ['sign', 'sign_type']), key);
    params.sign_type = 'RSA2';
    return params;
  };

  async function pay(token: string) {
    const orderNo = cashier.get(token);
    const trade = orderNo ? trades.get(orderNo) : undefined;
    if (!trade) throw new Error('no such cashier');
    trade.trade_status = 'TRADE_SUCCESS';
    trade.trade_no ??= `2020020122001${randomBytes(5).toString('hex')}`;
    const notification: Record<string, string> = {
      notify_time: beijingTime(new Date()),
      notify_type: 'trade_status_sync',
      notify_id: randomBytes(8).toString('hex'),
      app_id: appId,
      charset: 'utf-8',
      version: '1.0',
      trade_no: trade.trade_no,
      out_trade_no: trade.out_trade_no,
      trade_status: 'TRADE_SUCCESS',
      total_amount: trade.total_amount,
      receipt_amount: trade.total_amount,
      gmt_payment: beijingTime(new Date()),
      subject: '温暖武汉',
    };
    notification.sign = rsa2Sign(signingString(notification, ['sign', 'sign_type']), alipayKeys.privateKey);
    notification.sign_type = 'RSA2';
    const notify = new URL(trade.notify_url);
    const res = await fetch(state.appOrigin + notify.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams(notification).toString(),
    });
    const back = new URL(trade.return_url);
    for (const [k, v] of Object.entries(signedReturn(trade))) back.searchParams.set(k, v);
    return { returnUrl: back.toString(), notifyStatus: res.status, notifyAnswer: await res.text() };
  }

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '', 'http://fake');
      if (req.method === 'POST' && url.pathname === '/fake/pay') {
        const token = new URLSearchParams(body).get('token') ?? '';
        pay(token).then(
          (done) => res.writeHead(302, { location: done.returnUrl }).end(),
          () => res.writeHead(404).end('no such cashier'),
        );
        return;
      }
      const params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(body)) } as Record<string, string>;
      const signatureValid = params.sign_type === 'RSA2' && rsa2Verify(signingString(params), params.sign ?? '', appKeys.publicKey) && params.app_id === appId;
      calls.push({ params, signatureValid });
      let biz: Record<string, string>;
      try {
        biz = JSON.parse(params.biz_content ?? '{}');
      } catch {
        biz = {};
      }
      if (params.method === 'alipay.trade.wap.pay') {
        const ok = signatureValid && biz.product_code === 'QUICK_WAP_WAY' && biz.out_trade_no && biz.total_amount && params.return_url && params.notify_url;
        if (!ok) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>支付宝：错误代码 invalid-signature</h1>');
          return;
        }
        trades.set(biz.out_trade_no, {
          out_trade_no: biz.out_trade_no,
          total_amount: biz.total_amount,
          trade_status: trades.get(biz.out_trade_no)?.trade_status ?? 'WAIT_BUYER_PAY',
          trade_no: trades.get(biz.out_trade_no)?.trade_no,
          notify_url: params.notify_url,
          return_url: params.return_url,
        });
        const token = randomBytes(8).toString('hex');
        cashier.set(token, biz.out_trade_no);
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body>` +
              `<h1>支付宝（模拟收银台）</h1><p id="amount">¥${biz.total_amount}</p>` +
              `<form method="post" action="/fake/pay"><input type="hidden" name="token" value="${token}"><button id="alipay-confirm">确认付款</button></form></body></html>`,
          );
        return;
      }
      let answer: Record<string, unknown>;
      if (!signatureValid) answer = { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature' };
      else if (params.method === 'alipay.trade.query') {
        const trade = trades.get(biz.out_trade_no);
        answer = trade
          ? {
              code: '10000',
              msg: 'Success',
              out_trade_no: trade.out_trade_no,
              trade_no: trade.trade_no,
              trade_status: trade.trade_status,
              total_amount: trade.total_amount,
              send_pay_date: '2020-02-01 10:30:00',
            }
          : { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST' };
      } else if (params.method === 'alipay.trade.close') {
        const trade = trades.get(biz.out_trade_no);
        if (trade) trade.trade_status = 'TRADE_CLOSED';
        answer = trade
          ? { code: '10000', msg: 'Success', out_trade_no: biz.out_trade_no }
          : { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST' };
      } else if (params.method === 'alipay.trade.refund') {
        answer = {
          code: '10000',
          msg: 'Success',
          trade_no: trades.get(biz.out_trade_no)?.trade_no,
          out_trade_no: biz.out_trade_no,
          fund_change: 'Y',
          refund_fee: biz.refund_amount,
          gmt_refund_pay: '2020-02-02 10:00:00',
        };
      } else if (params.method === 'alipay.trade.precreate') {
        answer = { code: '10000', msg: 'Success', out_trade_no: biz.out_trade_no, qr_code: `https://qr.alipay.com/bax${randomBytes(6).toString('hex')}` };
      } else answer = { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-method' };
      const text = JSON.stringify(answer);
      const key = `${String(params.method).replace(/\./g, '_')}_response`;
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' }).end(`{"${key}":${text},"sign":"${rsa2Sign(text, alipayKeys.privateKey)}"}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    gateway: `${base}/gateway.do`,
    appId,
    env: {
      ALIPAY_APP_ID: appId,
      ALIPAY_PRIVATE_KEY: pem(appKeys.privateKey, 'pkcs8').replace(/\n/g, '\\n'),
      ALIPAY_PUBLIC_KEY: pem(alipayKeys.publicKey, 'spki').replace(/\n/g, '\\n'),
      ALIPAY_GATEWAY: `${base}/gateway.do`,
    },
    calls,
    trades,
    get appOrigin() {
      return state.appOrigin;
    },
    set appOrigin(origin: string) {
      state.appOrigin = origin;
    },
    pay,
    signedReturn,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
