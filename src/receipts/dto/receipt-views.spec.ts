import type { Donation } from '../../donations/donation.entity';
import type { DonorRequestRow } from '../donor-receipts.repository';
import type { OfficialReceiptRow } from '../official-receipts.repository';
import type { ReceiptRequest } from '../receipt-request.entity';
import type { Receipt } from '../receipt.entity';
import { toDonorGiftView } from './donor-gift.view';
import { toReceiptDeclineRowView } from './official-receipt.view';
import { toReceiptRequestStatusView, toReceiptVerificationView } from './receipt-request.view';
import { RequestContact, toRevealedPersonalDataView, toReviewedReceiptRequestView } from './receipt-review.view';
import { toReceiptDetailsView, toReceiptSummaryView } from './receipt.view';

// The receipt views' mappers: personal data masked where the view says so, money as integer fen
// beside its yuan text (never a float), times as ISO-8601.

const CLEAR: RequestContact = {
  idNumber: '11010519491231002X',
  phone: '13800138000',
  email: 'zhang.san@example.com',
  mailingAddress: '湖北省武汉市江岸区解放大道1号',
};

function request(overrides: Partial<ReceiptRequest> = {}): ReceiptRequest {
  return {
    id: '6f1c2b7e-4a9d-4c1e-9f0a-1b2c3d4e5f60',
    campaignId: 'c1',
    donationId: 'd1',
    inKindDonationId: null,
    aggregate: false,
    orderNo: 'WN20261202ABCDEFGH23456789',
    bankReference: null,
    amountFen: 123456,
    donorType: 'individual',
    name: '张三',
    invoiceTitle: '张三',
    idNumberEnc: 'enc',
    idNumberHash: 'h',
    creditCode: null,
    phoneEnc: 'enc',
    phoneHash: 'h',
    emailEnc: 'enc',
    emailHash: 'h',
    mailingAddressEnc: 'enc',
    screenshotPath: null,
    status: 'pending_review',
    matchMethod: 'order',
    proposedDonationId: null,
    claimVerified: true,
    rejectReason: null,
    reviewedBy: null,
    reviewedAt: null,
    createdAt: new Date('2026-12-02T01:02:03.000Z'),
    updatedAt: new Date('2026-12-02T01:02:03.000Z'),
    ...overrides,
  };
}

function receipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    id: 'r1',
    receiptNo: 'WH-2026-00000001',
    campaignId: 'c1',
    requestId: '6f1c2b7e-4a9d-4c1e-9f0a-1b2c3d4e5f60',
    donationId: 'd1',
    inKindDonationId: null,
    aggregate: false,
    replacesReceiptId: null,
    status: 'issued',
    donorName: '欧阳娜娜',
    invoiceTitle: '欧阳娜娜',
    payerCreditCode: null,
    reviewerName: '系统自动核验',
    payeeName: '李四',
    amountFen: 9007199254740991,
    donatedAt: new Date('2026-12-01T16:30:00.000Z'),
    issuedAt: new Date('2026-12-02T02:00:00.000Z'),
    pdfPath: 'receipts/WH/2026/WH-2026-00000001.pdf',
    pdfSha256: 'ab'.repeat(32),
    pdfOfficialId: null,
    emailedAt: null,
    emailCount: 0,
    voidedAt: null,
    voidReason: null,
    ...overrides,
  } as Receipt;
}

const OFFICIAL: OfficialReceiptRow = {
  id: 'o1',
  receipt_id: 'r1',
  kind: 'fiscal',
  source: 'manual',
  code: '42010126',
  number: '0000000001',
  check_code: 'a1b2c3',
  issued_at: new Date('2026-12-03T00:00:00.000Z'),
  book_id: null,
  file_path: null,
  file_type: null,
  voided_at: null,
} as OfficialReceiptRow;

describe('receipt views', () => {
  it('masks the ID number, phone, e-mail and address in the review queue, and keeps the amount in fen', () => {
    const donation = {
      orderNo: 'WN20261202ABCDEFGH23456789',
      channel: 'wechatpay',
      status: 'paid',
      amountFen: 123456,
      donorName: '张三',
      paidAt: new Date('2026-12-01T16:30:00.000Z'),
      bankReference: null,
    } as Donation;
    const view = toReviewedReceiptRequestView(request(), 'warm-wuhan', CLEAR, new Map([['d1', donation]]), []);
    expect(view).toMatchObject({
      idNumber: '1****************X',
      phone: '138****8000',
      email: 'z***@example.com',
      mailingAddress: '湖北省武汉市****',
      amountFen: 123456,
      amountYuan: '1234.56',
      createdAt: '2026-12-02T01:02:03.000Z',
      reviewedAt: null,
      aggregate: false,
      orders: null,
      proposedDonation: null,
    });
    expect(view.donation).toEqual({
      orderNo: 'WN20261202ABCDEFGH23456789',
      channel: 'wechatpay',
      status: 'paid',
      amountFen: 123456,
      payerName: '张三',
      paidAt: '2026-12-01T16:30:00.000Z',
      bankReference: null,
    });
    const json = JSON.stringify(view);
    for (const clear of [CLEAR.idNumber!, CLEAR.phone, CLEAR.email, CLEAR.mailingAddress!, '13800138000', 'zhang.san']) expect(json).not.toContain(clear);
    expect(Number.isInteger(view.amountFen)).toBe(true);
  });

  it('leaves absent personal data null, and lists an aggregate request’s orders', () => {
    const view = toReviewedReceiptRequestView(
      request({ aggregate: true, donationId: null, orderNo: null }),
      'warm-wuhan',
      { ...CLEAR, idNumber: null, mailingAddress: null },
      new Map(),
      [
        { order_no: 'WN1', held: true },
        { order_no: 'WN2', held: false },
      ],
    );
    expect(view.idNumber).toBeNull();
    expect(view.mailingAddress).toBeNull();
    expect(view.donation).toBeNull();
    expect(view.orders).toEqual([
      { orderNo: 'WN1', held: true },
      { orderNo: 'WN2', held: false },
    ]);
  });

  it('shows the personal data in clear only in a reveal', () => {
    expect(toRevealedPersonalDataView(request({ creditCode: null }), CLEAR)).toEqual({
      requestId: '6f1c2b7e-4a9d-4c1e-9f0a-1b2c3d4e5f60',
      idNumber: CLEAR.idNumber,
      creditCode: null,
      phone: CLEAR.phone,
      email: CLEAR.email,
      mailingAddress: CLEAR.mailingAddress,
    });
  });

  it('masks the donor’s name in the public verification and keeps the check code out of it', () => {
    const view = toReceiptVerificationView(receipt(), {
      campaign: { title: '温暖武汉', organisation: '温暖基金会' },
      giftCount: 1,
      official: OFFICIAL,
      replacedBy: null,
    });
    expect(view.donorName).toBe('欧阳**');
    expect(view.amountFen).toBe(9007199254740991);
    expect(view.amountYuan).toBe('90071992547409.91');
    expect(view.official).toEqual({ kind: 'fiscal', code: '42010126', number: '0000000001', issuedAt: '2026-12-03T00:00:00.000Z' });
    expect(JSON.stringify(view)).not.toContain('欧阳娜娜');
    expect(JSON.stringify(view)).not.toContain('a1b2c3');
  });

  it('gives staff the record’s details in full, with fen and yuan for the record and each gift', () => {
    const view = toReceiptDetailsView(receipt({ aggregate: true, donationId: null, amountFen: 30001 }), {
      campaign: { code: 'warm-wuhan', title: '温暖武汉' },
      fund: { code: 'masks', name: '口罩专项' },
      gifts: [
        { position: 1, donation_id: 'd1', order_no: 'WN1', amount_fen: 10000, donated_at: new Date('2026-12-01T00:00:00.000Z') },
        { position: 2, donation_id: 'd2', order_no: 'WN2', amount_fen: 20001, donated_at: new Date('2026-12-02T00:00:00.000Z') },
      ],
      orderNo: null,
      replacesReceiptNo: null,
      replacedByReceiptNo: null,
      verifyUrl: 'http://localhost/verify/WH-2026-00000001?s=x',
      official: OFFICIAL,
    });
    expect(view).toMatchObject({
      donorName: '欧阳娜娜',
      amountFen: 30001,
      amountYuan: '300.01',
      projectCode: 'warm-wuhan/masks',
      projectName: '温暖武汉（口罩专项）',
      fundName: '口罩专项',
      pdfReady: true,
      pdfShowsOfficial: false,
    });
    expect(view.gifts).toEqual([
      { orderNo: 'WN1', amountFen: 10000, amountYuan: '100.00', donatedAt: '2026-12-01T00:00:00.000Z' },
      { orderNo: 'WN2', amountFen: 20001, amountYuan: '200.01', donatedAt: '2026-12-02T00:00:00.000Z' },
    ]);
    expect(view.official).toMatchObject({ checkCode: 'a1b2c3', hasFile: false, voided: false });
  });

  it('lists a record in the staff search with its times as ISO-8601', () => {
    const row = {
      receiptNo: 'WH-2026-00000001',
      status: 'issued',
      campaignCode: 'warm-wuhan',
      orderNo: null,
      donorName: '张三',
      invoiceTitle: '张三',
      amountFen: 10000,
      issuedAt: new Date('2026-12-02T02:00:00.000Z'),
      emailedAt: null,
    };
    expect(toReceiptSummaryView(row)).toEqual({ ...row, issuedAt: '2026-12-02T02:00:00.000Z', emailedAt: null });
  });

  it('masks a person’s name for the donor’s own list, not an organisation’s, and offers the PDF only once issued', () => {
    const row: DonorRequestRow = {
      request_id: 'q1',
      status: 'issued',
      amount_fen: 123456,
      name: '张三',
      donor_type: 'individual',
      created_at: new Date('2026-12-02T01:02:03.000Z'),
      campaign_code: 'warm-wuhan',
      campaign_title: '温暖武汉',
      order_nos: ['WN1'],
      receipt_no: 'WH-2026-00000001',
      pdf_ready: true,
    };
    expect(toDonorGiftView(row)).toEqual({
      requestId: 'q1',
      status: 'issued',
      statusLabel: '已开具',
      campaignCode: 'warm-wuhan',
      campaignTitle: '温暖武汉',
      amountFen: 123456,
      amountDisplay: '¥1,234.56',
      name: '张*',
      orderNos: ['WN1'],
      requestedAt: '2026-12-02T01:02:03.000Z',
      receiptNo: 'WH-2026-00000001',
      downloadUrl: '/api/my-donations/receipts/WH-2026-00000001/pdf',
    });
    expect(toDonorGiftView({ ...row, donor_type: 'organization', name: '武汉某某科技有限公司' }).name).toBe('武汉某某科技有限公司');
    expect(toDonorGiftView({ ...row, pdf_ready: false }).downloadUrl).toBeNull();
    const pending = toDonorGiftView({ ...row, status: 'pending_review' });
    expect([pending.receiptNo, pending.downloadUrl, pending.statusLabel]).toEqual([null, null, '等待工作人员审核']);
  });

  it('reads a declined gift’s bigint amount as integer fen', () => {
    const view = toReceiptDeclineRowView({
      order_no: 'WN1',
      campaign_code: 'warm-wuhan',
      amount_fen: '9007199254740991',
      declined_at: new Date('2026-12-02T00:00:00.000Z'),
      withdrawn_at: null,
    });
    expect(view).toEqual({
      orderNo: 'WN1',
      campaignCode: 'warm-wuhan',
      amountFen: 9007199254740991,
      declinedAt: '2026-12-02T00:00:00.000Z',
      withdrawnAt: null,
    });
  });

  it('names the receipt of an issued request and the reason of a rejected one, nothing else', () => {
    const issued = { receiptNo: 'WH-2026-00000001', status: 'voided' as const };
    expect(toReceiptRequestStatusView(request({ status: 'issued' }), issued)).toEqual({
      requestId: '6f1c2b7e-4a9d-4c1e-9f0a-1b2c3d4e5f60',
      status: 'issued',
      receiptNo: 'WH-2026-00000001',
      receiptStatus: 'voided',
    });
    expect(toReceiptRequestStatusView(request({ status: 'queued' }), issued)).toEqual({ requestId: '6f1c2b7e-4a9d-4c1e-9f0a-1b2c3d4e5f60', status: 'queued' });
    expect(toReceiptRequestStatusView(request({ status: 'rejected', rejectReason: '金额不符' }), null)).toEqual({
      requestId: '6f1c2b7e-4a9d-4c1e-9f0a-1b2c3d4e5f60',
      status: 'rejected',
      rejectReason: '金额不符',
    });
  });
});
