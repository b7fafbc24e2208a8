import { generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { beijingTime, rsa2Sign, rsa2Verify, signingString } from '../src/payment-providers/alipay/alipay-sign';
import { TotalsReconciler } from '../src/totals/totals-reconciler';
import { countRows, createCampaign, createDonation, login, startApp, TestApp } from './support/test-app';

const APP_ID = '2021000000000001';
const pem = (k: KeyObject, type: 'pkcs8' | 'spki') => k.export({ type, format: 'pem' }).toString();

describe('Alipay (face-to-face precreate, RSA2 notifications)', () => {
  const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipayKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const gatewayCalls: { params: Record<string, string>; signatureValid: boolean }[] = [];
  /** What alipay.trade.query answers per order (unset: ACQ.TRADE_NOT_EXIST). */
  const trades = new Map<string, Record<string, string>>();
  /** How alipay.trade.refund answers: done, or the error answer given. */
  let refundAnswer: 'OK' | Record<string, string> = 'OK';
  let gateway: Server;
  let t: TestApp;
  let campaign: string;
  let admin: string;

  beforeAll(async () => {
    // A stand-in for openapi.alipay.com that checks our RSA2 signature and signs its answer.
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(body)) as Record<string, string>;
        const signatureValid = rsa2Verify(signingString(params), params.sign ?? '', appKeys.publicKey);
        gatewayCalls.push({ params, signatureValid });
        const biz = JSON.parse(params.biz_content ?? '{}');
        const response = !signatureValid
          ? JSON.stringify({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature' })
          : params.method === 'alipay.trade.query'
            ? JSON.stringify(trades.get(biz.out_trade_no) ?? { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST' })
            : params.method === 'alipay.trade.refund'
              ? JSON.stringify(
                  refundAnswer === 'OK'
                    ? {
                        code: '10000',
                        msg: 'Success',
                        trade_no: `2020020122001${randomBytes(5).toString('hex')}`,
                        out_trade_no: biz.out_trade_no,
                        fund_change: 'Y',
                        refund_fee: biz.refund_amount,
                        gmt_refund_pay: '2020-02-02 10:00:00',
                      }
                    : refundAnswer,
                )
              : JSON.stringify({
                  code: '10000',
                  msg: 'Success',
                  out_trade_no: biz.out_trade_no,
                  qr_code: `https://qr.alipay.com/bax${randomBytes(6).toString('hex')}`,
                });
        const key = `${String(params.method).replace(/\./g, '_')}_response`;
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
        res.end(`{"${key}":${response},"sign":"${rsa2Sign(response, alipayKeys.privateKey)}"}`);
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    t = await startApp({
      ALIPAY_APP_ID: APP_ID,
      ALIPAY_PRIVATE_KEY: pem(appKeys.privateKey, 'pkcs8').replace(/\n/g, '\\n'),
      ALIPAY_PUBLIC_KEY: pem(alipayKeys.publicKey, 'spki').replace(/\n/g, '\\n'),
      ALIPAY_GATEWAY: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/gateway.do`,
    });
    admin = await login(t);
    campaign = await createCampaign(t, admin);
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => gateway.close(r));
  });

  function notification(orderNo: string, totalAmount: string, extra: Record<string, string> = {}, key = alipayKeys.privateKey): string {
    const params: Record<string, string> = {
      notify_time: beijingTime(new Date()),
      notify_type: 'trade_status_sync',
      notify_id: randomBytes(8).toString('hex'),
      app_id: APP_ID,
      charset: 'utf-8',
      version: '1.0',
      trade_no: `2020020122001${randomBytes(5).toString('hex')}`,
      out_trade_no: orderNo,
      trade_status: 'TRADE_SUCCESS',
      total_amount: totalAmount,
      receipt_amount: totalAmount,
      gmt_payment: '2020-02-01 10:30:00',
      subject: '温暖武汉',
      ...extra,
    };
    params.sign = rsa2Sign(signingString(params, ['sign', 'sign_type']), key);
    params.sign_type = 'RSA2';
    return new URLSearchParams(params).toString();
  }

  const notify = (form: string, type = 'application/x-www-form-urlencoded; charset=utf-8') =>
    t.request('POST', '/api/payments/alipay/notify', { raw: form, headers: { 'content-type': type } });

  async function order(amountFen: number): Promise<string> {
    const res = await createDonation(t, campaign, { amountFen, channel: 'alipay' });
    expect(res.status).toBe(201);
    return res.body.orderNo;
  }
  const payments = (orderNo: string) =>
    countRows(t, `SELECT count(*) FROM payments p JOIN donations d ON d.id = p.donation_id WHERE d.order_no = $1`, [orderNo]);

  it('precreates the order with an RSA2-signed request and returns the qr_code', async () => {
    const res = await createDonation(t, campaign, { amountFen: 8888, channel: 'alipay' });
    expect(res.status).toBe(201);
    expect(res.body.payment).toMatchObject({ provider: 'alipay', codeUrl: expect.stringMatching(/^https:\/\/qr\.alipay\.com\//) });
    const call = gatewayCalls.find((c) => JSON.parse(c.params.biz_content).out_trade_no === res.body.orderNo)!;
    expect(call.signatureValid).toBe(true);
    expect(call.params).toMatchObject({ app_id: APP_ID, method: 'alipay.trade.precreate', sign_type: 'RSA2' });
    expect(JSON.parse(call.params.biz_content)).toMatchObject({ total_amount: '88.88' });
  });

  it('pays on a valid notification, answering the plain text success; ten repeats count once', async () => {
    const orderNo = await order(12345);
    const form = notification(orderNo, '123.45');
    const answers = await Promise.all(Array.from({ length: 10 }, () => notify(form)));
    expect(answers.map((a) => [a.status, a.text])).toEqual(Array(10).fill([200, 'success']));
    expect(await payments(orderNo)).toBe(1);
    expect((await t.request('GET', `/api/donations/${orderNo}`)).body).toMatchObject({ status: 'paid', paidAt: '2020-02-01T02:30:00.000Z' });
  });

  it.each([
    ['signed with another key', (o: string) => notification(o, '50.00', {}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey), 401],
    ['changed after signing', (o: string) => notification(o, '50.00').replace('total_amount=50.00', 'total_amount=0.01'), 401],
    ['another app', (o: string) => notification(o, '50.00', { app_id: '2021999999999999' }), 400],
    ['a different amount', (o: string) => notification(o, '49.99'), 422],
  ])('refuses a notification %s, never answering success, without touching the ledger', async (_label, build, status) => {
    const orderNo = await order(5000);
    const res = await notify(build(orderNo));
    expect(res.status).toBe(status);
    expect(res.text).not.toBe('success');
    expect(await payments(orderNo)).toBe(0);
  });

  it('keeps every notification raw, as the form it was', async () => {
    const orderNo = await order(7000);
    const form = notification(orderNo, '70.00', {}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    await notify(form);
    const rows = await t.db.query(`SELECT outcome, headers->>'content-type' AS type FROM payment_notifications WHERE provider = 'alipay' AND raw_body = $1`, [
      form,
    ]);
    expect(rows).toEqual([{ outcome: 'INVALID_SIGNATURE', type: 'application/x-www-form-urlencoded; charset=utf-8' }]);
  });

  describe('refunds and reconciliation', () => {
    async function paidOrder(code: string, amountFen: number, yuan: string): Promise<string> {
      const created = await createDonation(t, code, { amountFen, channel: 'alipay' });
      expect((await notify(notification(created.body.orderNo, yuan))).text).toBe('success');
      return created.body.orderNo;
    }
    const refund = (orderNo: string) => t.request('POST', `/api/staff/donations/${orderNo}/refund`, { token: admin, body: { reason: '捐赠人申请退回' } });
    const totals = async (code: string) => (await t.request('GET', `/api/campaigns/${code}/totals`)).body;

    it('refunds through alipay.trade.refund (RSA2-signed, exact yuan), at once; totals equal the ledger', async () => {
      const code = await createCampaign(t, admin);
      const orderNo = await paidOrder(code, 12345, '123.45');
      await paidOrder(code, 100, '1.00');
      const res = await refund(orderNo);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'succeeded', provider: 'alipay', donationStatus: 'refunded', amountFen: 12345 });
      const call = gatewayCalls.find((c) => c.params.method === 'alipay.trade.refund' && JSON.parse(c.params.biz_content).out_trade_no === orderNo)!;
      expect(call.signatureValid).toBe(true);
      expect(JSON.parse(call.params.biz_content)).toMatchObject({ out_request_no: res.body.refundNo, refund_amount: '123.45' });
      expect((await t.request('GET', `/api/donations/${orderNo}`)).body.status).toBe('refunded');
      expect(await totals(code)).toMatchObject({ donationCount: 1, donorCount: 1, amountFen: 100 });
      const [{ id }] = await t.db.query(`SELECT id FROM campaigns WHERE code = $1`, [code]);
      expect((await t.app.get(TotalsReconciler).reconcile(id)).drift).toEqual([]);
      expect((await refund(orderNo)).body.code).toBe('NOT_REFUNDABLE');
    });

    it('leaves the ledger untouched when Alipay is unavailable (503) or refuses (502)', async () => {
      const code = await createCampaign(t, admin);
      const orderNo = await paidOrder(code, 5000, '50.00');
      try {
        refundAnswer = { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' };
        expect((await refund(orderNo)).body.code).toBe('REFUND_PROVIDER_UNAVAILABLE');
        refundAnswer = { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_HAS_FINISHED' };
        const refused = await refund(orderNo);
        expect([refused.status, refused.body.code]).toEqual([502, 'REFUND_REFUSED']);
      } finally {
        refundAnswer = 'OK';
      }
      expect((await t.request('GET', `/api/donations/${orderNo}`)).body.status).toBe('paid');
      expect(await totals(code)).toMatchObject({ donationCount: 1, amountFen: 5000 });
    });

    it('recovers a payment whose notification was lost, through alipay.trade.query, once', async () => {
      const lost = await order(6600);
      const unpaid = await order(7700);
      trades.set(lost, {
        code: '10000',
        msg: 'Success',
        out_trade_no: lost,
        trade_no: `2020020122001${randomBytes(5).toString('hex')}`,
        trade_status: 'TRADE_SUCCESS',
        total_amount: '66.00',
        send_pay_date: '2020-02-01 10:30:00',
      });
      trades.set(unpaid, { code: '10000', msg: 'Success', out_trade_no: unpaid, trade_status: 'WAIT_BUYER_PAY', total_amount: '77.00' });
      const res = await t.request('POST', '/api/staff/payments/alipay/reconcile', { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.recovered).toContain(lost);
      expect(res.body.recovered).not.toContain(unpaid);
      expect((await t.request('GET', `/api/donations/${lost}`)).body).toMatchObject({ status: 'paid', paidAt: '2020-02-01T02:30:00.000Z' });
      expect((await t.request('GET', `/api/donations/${unpaid}`)).body.status).toBe('pending');
      const again = await t.request('POST', '/api/staff/payments/alipay/reconcile', { token: admin });
      expect(again.body.recovered).not.toContain(lost);
      expect(await payments(lost)).toBe(1);
      expect(gatewayCalls.filter((c) => c.params.method === 'alipay.trade.query').every((c) => c.signatureValid)).toBe(true);
    });
  });
});
