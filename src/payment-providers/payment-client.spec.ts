import { generateKeyPairSync, createVerify } from 'node:crypto';
import { loadConfig } from '../config/app-config';
import { signingString, rsa2Sign } from './alipay/alipay-sign';
import { AlipayClient } from './alipay/alipay.client';
import { WechatPayClient } from './wechatpay/wechatpay.client';
import { paymentClientKind } from './payment-client';

const pem = (k: import('node:crypto').KeyObject, type: 'pkcs8' | 'spki') => k.export({ type, format: 'pem' }).toString();

describe('paymentClientKind (where the page is opened, from its User-Agent)', () => {
  it.each([
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI',
      'wechat',
    ],
    ['Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.49', 'wechat'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 AlipayClient/10.5.36.6000 Language/zh-Hans', 'alipay'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1', 'mobile'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36', 'mobile'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36', 'desktop'],
    ['node', 'desktop'],
    [undefined, 'desktop'],
  ])('%s → %s', (ua, kind) => {
    expect(paymentClientKind(ua)).toBe(kind);
  });
});

describe('signatures the phone payments hand to the browser', () => {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_BASE_URL: 'https://give.example.org',
    WECHATPAY_MCH_ID: '1900000109',
    WECHATPAY_APP_ID: 'wxd678efh567hg6787',
    WECHATPAY_API_V3_KEY: '0123456789abcdef0123456789abcdef',
    WECHATPAY_MERCHANT_SERIAL: 'SERIAL1',
    WECHATPAY_PRIVATE_KEY: pem(merchant.privateKey, 'pkcs8'),
    WECHATPAY_PLATFORM_PUBLIC_KEYS: `P1=${pem(merchant.publicKey, 'spki')}`,
    WECHAT_APP_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    ALIPAY_APP_ID: '2021000000000001',
    ALIPAY_PRIVATE_KEY: pem(app.privateKey, 'pkcs8'),
    ALIPAY_PUBLIC_KEY: pem(alipay.publicKey, 'spki'),
  });

  it('reads WECHAT_APP_SECRET, WECHAT_OAUTH_BASE and WECHAT_API_BASE (defaults: WeChat hosts)', () => {
    expect(config.wechatPay).toMatchObject({
      appSecret: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      oauthBase: 'https://open.weixin.qq.com',
      snsApiBase: 'https://api.weixin.qq.com',
    });
  });

  it('JSAPI paySign: RSA-SHA256 over appId, timeStamp, nonceStr and package, each followed by \\n; signType RSA', () => {
    const p = new WechatPayClient(config).jsapiPayParams('wx201410272009395522657a690389285100', 1_600_000_000_000);
    expect(p).toMatchObject({
      appId: 'wxd678efh567hg6787',
      timeStamp: '1600000000',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    });
    expect(p.nonceStr).toMatch(/^[0-9a-f]{32}$/);
    const message = `wxd678efh567hg6787\n1600000000\n${p.nonceStr}\nprepay_id=wx201410272009395522657a690389285100\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, p.paySign, 'base64')).toBe(true);
  });

  it('wap.pay form: every parameter but sign, sorted and RSA2-signed; product_code QUICK_WAP_WAY', () => {
    const form = new AlipayClient(config).wapPayForm({
      orderNo: 'WH20200201000001',
      amountFen: 12345,
      subject: '温暖武汉',
      expiresAt: new Date('2020-02-01T02:45:00Z'),
      returnUrl: 'https://give.example.org/pay/alipay/return',
      quitUrl: 'https://give.example.org/donations/WH20200201000001',
    });
    expect(form.action).toBe('https://openapi.alipay.com/gateway.do?charset=utf-8');
    const text = signingString(form.fields);
    expect(text).not.toContain('sign=');
    expect(createVerify('RSA-SHA256').update(text, 'utf8').verify(app.publicKey, form.fields.sign, 'base64')).toBe(true);
    expect(JSON.parse(form.fields.biz_content)).toEqual({
      out_trade_no: 'WH20200201000001',
      total_amount: '123.45',
      subject: '温暖武汉',
      product_code: 'QUICK_WAP_WAY',
      time_expire: '2020-02-01 10:45:00',
      quit_url: 'https://give.example.org/donations/WH20200201000001',
    });
  });

  it('return_url: accepts Alipay signature over sorted k=v without sign, sign_type and empty values; refuses anything else', () => {
    const client = new AlipayClient(config);
    const query: Record<string, string> = {
      charset: 'utf-8',
      out_trade_no: 'WH20200201000001',
      method: 'alipay.trade.wap.pay.return',
      total_amount: '123.45',
      trade_no: '2020020122001400000000',
      auth_app_id: '2021000000000001',
      version: '1.0',
      app_id: '2021000000000001',
      seller_id: '',
      timestamp: '2020-02-01 10:31:00',
    };
    query.sign = rsa2Sign(
      'app_id=2021000000000001&auth_app_id=2021000000000001&charset=utf-8&method=alipay.trade.wap.pay.return&out_trade_no=WH20200201000001&timestamp=2020-02-01 10:31:00&total_amount=123.45&trade_no=2020020122001400000000&version=1.0',
      alipay.privateKey,
    );
    query.sign_type = 'RSA2';
    expect(client.verifyReturn(query)).toBe(true);
    expect(client.verifyReturn({ ...query, total_amount: '0.01' })).toBe(false);
    expect(client.verifyReturn({ ...query, sign: rsa2Sign(signingString(query, ['sign', 'sign_type']), app.privateKey) })).toBe(false);
    expect(client.verifyReturn({ ...query, sign_type: 'RSA' })).toBe(false);
    const { sign: _sign, ...unsigned } = query;
    void _sign;
    expect(client.verifyReturn(unsigned)).toBe(false);
  });
});
