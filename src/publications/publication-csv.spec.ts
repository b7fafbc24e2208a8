import { createHash } from 'node:crypto';
import { beijingIso, renderPublicationCsv } from './publication-csv';
import { publicationManifest, sha256Hex } from './publication-manifest';

describe('publication CSV', () => {
  const rows = [
    { paidAt: new Date('2020-02-01T15:59:59Z'), name: '张*', amountFen: 10_000, channel: 'wechatpay' },
    { paidAt: new Date('2020-02-01T16:00:00Z'), name: '=1+1', amountFen: 1, channel: 'sandbox' },
    { paidAt: new Date('2020-02-02T00:00:00Z'), name: '王,"五"', amountFen: 123_456_789, channel: 'bank_transfer' },
  ];

  it('writes a BOM, a header, one CRLF line per donation with Beijing times, and defuses formulas', () => {
    const csv = renderPublicationCsv(rows);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8')).toBe(
      '序号,到账时间,捐赠人,金额（分）,金额（元）,支付渠道\r\n' +
        '1,2020-02-01T23:59:59+08:00,张*,10000,100.00,wechatpay\r\n' +
        "2,2020-02-02T00:00:00+08:00,'=1+1,1,0.01,sandbox\r\n" +
        '3,2020-02-02T08:00:00+08:00,"王,""五""",123456789,1234567.89,bank_transfer\r\n',
    );
  });

  it('adds a 定向基金 column when the campaign has funds', () => {
    const csv = renderPublicationCsv([{ ...rows[0], fund: '医疗救治' }, rows[1]], true)
      .subarray(3)
      .toString('utf8');
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      '序号,到账时间,捐赠人,金额（分）,金额（元）,支付渠道,定向基金',
      '1,2020-02-01T23:59:59+08:00,张*,10000,100.00,wechatpay,医疗救治',
      "2,2020-02-02T00:00:00+08:00,'=1+1,1,0.01,sandbox,",
    ]);
  });

  it('is the same bytes for the same rows (the hash is reproducible)', () => {
    expect(sha256Hex(renderPublicationCsv(rows))).toBe(
      createHash('sha256')
        .update(renderPublicationCsv(rows.map((r) => ({ ...r }))))
        .digest('hex'),
    );
  });

  it('writes Beijing time with its offset', () => {
    expect(beijingIso(new Date('2020-01-31T16:30:00.000Z'))).toBe('2020-02-01T00:30:00+08:00');
  });
});

describe('publication manifest', () => {
  const totals = {
    donorCount: 1,
    donationCount: 2,
    amountFen: 3,
    todayAmountFen: 0,
    goalFen: null,
    disbursedFen: 0,
    inKind: [],
    updatedAt: '2020-02-01T00:00:00.000Z',
  };
  const input = {
    campaignCode: 'warm-wuhan',
    seq: 2,
    asOf: '2020-02-01T00:00:00.000Z',
    rowCount: 2,
    sha256: 'a'.repeat(64),
    previousChainSha256: 'b'.repeat(64),
    totals,
  };

  it('has a fixed key order, whatever order the totals came in', () => {
    const shuffled = {
      ...input,
      totals: { updatedAt: totals.updatedAt, inKind: [], amountFen: 3, disbursedFen: 0, goalFen: null, todayAmountFen: 0, donationCount: 2, donorCount: 1 },
    };
    expect(publicationManifest(shuffled)).toBe(publicationManifest(input));
    expect(Object.keys(JSON.parse(publicationManifest(input)))).toEqual([
      'format',
      'campaignCode',
      'seq',
      'asOf',
      'rowCount',
      'sha256',
      'previousChainSha256',
      'totals',
    ]);
  });

  it('changes with any figure or the previous link', () => {
    const base = sha256Hex(publicationManifest(input));
    expect(sha256Hex(publicationManifest({ ...input, totals: { ...totals, amountFen: 4 } }))).not.toBe(base);
    expect(sha256Hex(publicationManifest({ ...input, previousChainSha256: 'c'.repeat(64) }))).not.toBe(base);
  });
});
