import { parseTradeBill } from './wechatpay-trade-bill';

const HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单总金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';

describe('parseTradeBill (WeChat Pay trade bill, bill_type=ALL)', () => {
  it('reads payments and refunds by column name, backticks removed, yuan to fen, Beijing time', () => {
    const text = [
      HEADER,
      '`2020-02-01 10:30:00,`wxd678efh567hg6787,`1900000109,`0,`,`4200000001,`TS20200201A,`oUpF8,`NATIVE,`SUCCESS,`OTHERS,`CNY,`1234.56,`0.00,`0,`0,`0.00,`0.00,`,`,`温暖武汉,`,`7.40736,`0.60%,`1234.56,`0.00,`',
      '`2020-02-01 11:00:00,`wxd678efh567hg6787,`1900000109,`0,`,`4200000002,`TS20200201B,`oUpF8,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000001,`RFABC,`100.01,`0.00,`ORIGINAL,`SUCCESS,`温暖武汉,`,`-0.60000,`0.60%,`0.00,`100.01,`',
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      '`2,`1234.56,`100.01,`0.00,`6.80736,`1234.56,`100.01',
    ].join('\r\n');
    expect(parseTradeBill(text)).toEqual([
      {
        tradeTime: new Date('2020-02-01T02:30:00Z'),
        transactionId: '4200000001',
        orderNo: 'TS20200201A',
        tradeState: 'SUCCESS',
        amountFen: 123456,
        refundId: null,
        refundNo: null,
        refundFen: 0,
        refundStatus: null,
      },
      {
        tradeTime: new Date('2020-02-01T03:00:00Z'),
        transactionId: '4200000002',
        orderNo: 'TS20200201B',
        tradeState: 'REFUND',
        amountFen: 0,
        refundId: '50300000001',
        refundNo: 'RFABC',
        refundFen: 10001,
        refundStatus: 'SUCCESS',
      },
    ]);
  });

  it('reads an empty bill as no trades, and refuses a bill without the columns it needs', () => {
    expect(parseTradeBill('')).toEqual([]);
    expect(() => parseTradeBill('a,b,c\n`1,`2,`3')).toThrow(/交易时间/);
  });
});
