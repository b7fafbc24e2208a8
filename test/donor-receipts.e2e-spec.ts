/**
 * A donor's own receipts without email (issue 21): the PDF by the gift's claim token, "查询我的捐赠"
 * by the email address through a one-time link.
 */
import { DonorReceiptsService } from '../src/receipts/donor-receipts.service';
import { PiiCipher } from '../src/common/pii-cipher';
import { eventually, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { asDonor, claimTokenFor, createCampaign, createDonation, isolated, login, notifySandbox, startApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

const ID_WITH_X = '11010519491231002X';

describe('donor receipts: claim token download, one-time email link', () => {
  const own = isolated('donorrc');
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: string;
  let campaign: string;
  let mine: { orderNo: string; receiptNo: string };
  let theirs: { orderNo: string; receiptNo: string };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startApp({ ...own.env, SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://wennuan.example.org' });
    admin = await login(t);
    campaign = await createCampaign(t, admin, { receiptPrefix: 'DR' });
    mine = await issuedGift(20000, '张伟', 'zhang.wei@example.com');
    theirs = await issuedGift(30000, '李娜', 'li.na@example.com');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await own.drop();
  });

  async function paidDonation(amountFen: number, extra: Record<string, unknown> = {}): Promise<string> {
    const created = await createDonation(t, campaign, { amountFen, ...extra });
    expect(created.status).toBe(201);
    const orderNo = created.body.orderNo as string;
    expect((await notifySandbox(t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen, paidAt: new Date().toISOString() })).status).toBe(200);
    return orderNo;
  }

  async function issuedGift(amountFen: number, name: string, email: string): Promise<{ orderNo: string; receiptNo: string }> {
    const orderNo = await paidDonation(amountFen);
    const req = await t.request('POST', '/api/receipt-requests', {
      body: asDonor({
        campaignCode: campaign,
        orderNo,
        amountFen,
        donorType: 'individual',
        name,
        idNumber: ID_WITH_X,
        invoiceTitle: name,
        phone: '13800138000',
        email,
      }),
    });
    expect(req.body.status).toBe('queued');
    const receiptNo = await eventually(
      async () => {
        const res = await t.request('GET', `/api/receipt-requests/${req.body.requestId}`);
        return res.body.status === 'issued' ? (res.body.receiptNo as string) : undefined;
      },
      90_000,
      'receipt issued',
    );
    return { orderNo, receiptNo };
  }

  async function staffPdf(receiptNo: string): Promise<Buffer> {
    const res = await fetch(`${t.baseUrl}/api/staff/receipts/${receiptNo}/pdf`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  describe('GET /api/donations/:orderNo/receipt.pdf', () => {
    const url = (orderNo: string) => `/api/donations/${orderNo}/receipt.pdf`;

    it('gives the PDF of the gift to whoever holds its claim token (header or cookie)', async () => {
      const byHeader = await fetch(t.baseUrl + url(mine.orderNo), { headers: { 'x-claim-token': claimTokenFor(mine.orderNo) } });
      expect(byHeader.status).toBe(200);
      expect(byHeader.headers.get('content-type')).toBe('application/pdf');
      expect(byHeader.headers.get('content-disposition')).toContain(`${mine.receiptNo}.pdf`);
      const pdf = Buffer.from(await byHeader.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.equals(await staffPdf(mine.receiptNo))).toBe(true);

      const byCookie = await fetch(t.baseUrl + url(mine.orderNo), { headers: { cookie: `wn_claim_${mine.orderNo}=${claimTokenFor(mine.orderNo)}` } });
      expect(byCookie.status).toBe(200);
      expect(Buffer.from(await byCookie.arrayBuffer()).equals(pdf)).toBe(true);
    });

    it('refuses without a token (403 CLAIM_TOKEN_REQUIRED)', async () => {
      const res = await t.request('GET', url(mine.orderNo));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'CLAIM_TOKEN_REQUIRED', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    });

    it("never gives another donor's receipt: their token on my order, my token on theirs, a forged cookie", async () => {
      const crossed = await t.request('GET', url(mine.orderNo), { headers: { 'x-claim-token': claimTokenFor(theirs.orderNo) } });
      expect(crossed.status).toBe(403);
      expect(crossed.body.code).toBe('CLAIM_TOKEN_INVALID');
      const other = await t.request('GET', url(theirs.orderNo), { headers: { cookie: `wn_claim_${theirs.orderNo}=${claimTokenFor(mine.orderNo)}` } });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('CLAIM_TOKEN_INVALID');
      const forged = await t.request('GET', url(mine.orderNo), { headers: { 'x-claim-token': 'A'.repeat(43) } });
      expect(forged.body.code).toBe('CLAIM_TOKEN_INVALID');
    });

    it('answers an unknown order as a wrong token, so nothing is learnt about orders', async () => {
      const unknown = mine.orderNo.slice(0, -4) + (mine.orderNo.endsWith('0000') ? '1111' : '0000');
      const res = await t.request('GET', url(unknown), { headers: { 'x-claim-token': claimTokenFor(mine.orderNo) } });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CLAIM_TOKEN_INVALID');
    });

    it('404 RECEIPT_NOT_FOUND for my own gift without an issued receipt', async () => {
      const orderNo = await paidDonation(15000);
      const res = await t.request('GET', url(orderNo), { headers: { 'x-claim-token': claimTokenFor(orderNo) } });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('RECEIPT_NOT_FOUND');
    });

    it('is in the OpenAPI document with its refusals', async () => {
      const doc = await t.request('GET', '/docs-json');
      const op = doc.body.paths['/api/donations/{orderNo}/receipt.pdf']?.get;
      expect(op).toBeDefined();
      expect(op.description).toContain('CLAIM_TOKEN_INVALID');
      expect(doc.body.paths['/api/my-donations/links']?.post).toBeDefined();
      expect(doc.body.paths['/api/my-donations/receipts/{receiptNo}/pdf']?.get).toBeDefined();
    });
  });

  describe('查询我的捐赠 by email: one-time link', () => {
    const linkOf = (text: string) => /\/my\/link\/([A-Za-z0-9_.-]+)/.exec(text)?.[1];

    async function open(token: string) {
      return t.request('POST', '/my/link', {
        raw: new URLSearchParams({ token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    }

    it('answers the same for a known and an unknown address, and mails a link only to the known one', async () => {
      const unknown = await t.request('POST', '/api/my-donations/links', { body: { email: 'nobody.here@example.com' } });
      const known = await t.request('POST', '/api/my-donations/links', { body: { email: ' Zhang.Wei@Example.com ' } });
      expect(unknown.status).toBe(202);
      expect(known.status).toBe(202);
      expect(known.text).toBe(unknown.text);
      const mails = await smtp.waitFor((all) => all.some((m) => m.subject?.includes('查询我的捐赠')));
      const [mail] = mails.filter((m) => m.subject?.includes('查询我的捐赠'));
      expect(JSON.stringify(mail.to)).toContain('zhang.wei@example.com');
      expect(mails.filter((m) => JSON.stringify(m.to).includes('nobody.here'))).toHaveLength(0);
      expect(mail.text).toContain('https://wennuan.example.org/my/link/');

      const bad = await t.request('POST', '/api/my-donations/links', { body: { email: 'not-an-address' } });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('INVALID_EMAIL');
    });

    it("the link lists that address's gifts with download, once; then it is used up", async () => {
      const before = (await smtp.waitFor(() => true)).length;
      await t.request('POST', '/api/my-donations/links', { body: { email: 'zhang.wei@example.com' } });
      const all = await smtp.waitFor((list) => list.length > before && list.slice(before).some((m) => m.subject?.includes('查询我的捐赠')));
      const token = linkOf(all.slice(before).find((m) => m.subject?.includes('查询我的捐赠'))!.text ?? '')!;
      expect(token).toBeDefined();

      // Opening the link only shows a confirm button: a mail scanner fetching it does not use it up.
      expect((await t.request('GET', `/my/link/${token}`)).status).toBe(200);
      expect((await t.request('GET', `/my/link/${token}`)).status).toBe(200);

      const opened = await open(token);
      expect(opened.status).toBe(303);
      expect(opened.headers.get('location')).toBe('/my/gifts');
      const cookie = /wn_my=[^;]+/.exec(opened.headers.get('set-cookie') ?? '')?.[0];
      expect(cookie).toBeDefined();
      expect(opened.headers.get('set-cookie')).toContain('HttpOnly');

      const list = await t.request('GET', '/api/my-donations', { headers: { cookie: cookie! } });
      expect(list.status).toBe(200);
      const receiptNos = list.body.items.map((i: { receiptNo: string | null }) => i.receiptNo);
      expect(receiptNos).toContain(mine.receiptNo);
      expect(receiptNos).not.toContain(theirs.receiptNo);
      const item = list.body.items.find((i: { receiptNo: string }) => i.receiptNo === mine.receiptNo);
      expect(item).toMatchObject({ status: 'issued', name: '张*', orderNos: [mine.orderNo], amountFen: 20000 });
      expect(JSON.stringify(list.body)).not.toContain('zhang.wei@example.com');
      expect(JSON.stringify(list.body)).not.toContain(ID_WITH_X);

      const page = await t.request('GET', '/my/gifts', { headers: { cookie: cookie! } });
      expect(page.status).toBe(200);
      expect(page.text).toContain(mine.receiptNo);
      expect(page.text).not.toContain(theirs.receiptNo);

      const pdf = await fetch(t.baseUrl + item.downloadUrl, { headers: { cookie: cookie! } });
      expect(pdf.status).toBe(200);
      expect(Buffer.from(await pdf.arrayBuffer()).equals(await staffPdf(mine.receiptNo))).toBe(true);
      // Another donor's receipt is unknown to this session; without a session, 403.
      const other = await t.request('GET', `/api/my-donations/receipts/${theirs.receiptNo}/pdf`, { headers: { cookie: cookie! } });
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('RECEIPT_NOT_FOUND');
      const none = await t.request('GET', `/api/my-donations/receipts/${mine.receiptNo}/pdf`);
      expect(none.status).toBe(403);
      expect(none.body.code).toBe('LOOKUP_SESSION_REQUIRED');
      expect((await t.request('GET', '/my/gifts')).headers.get('location')).toBe('/my');

      // Used once: the same link again is refused, as page and as API.
      const reused = await open(token);
      expect(reused.status).toBe(410);
      expect(reused.text).toContain('链接已使用过');
      expect(reused.headers.get('set-cookie')).toBeNull();
    });

    it('refuses an expired link (410 LOOKUP_LINK_EXPIRED) and a tampered one (404 LOOKUP_LINK_INVALID)', async () => {
      const service = t.app.get(DonorReceiptsService);
      const emailHash = t.app.get(PiiCipher).blindIndex('email:zhang.wei@example.com');
      const expired = await service.issueLink(emailHash, Date.now() - 31 * 60_000);
      const res = await open(expired);
      expect(res.status).toBe(410);
      expect(res.text).toContain('链接已过期');
      expect((await t.request('GET', `/my/link/${expired}`)).status).toBe(410);

      const fresh = await service.issueLink(emailHash);
      const [nonce, expires, sig] = fresh.split('.');
      const later = `${nonce}.${Number(expires) + 3600}.${sig}`;
      const tampered = await open(later);
      expect(tampered.status).toBe(404);
      expect(tampered.text).toContain('链接无效');
      // The genuine one still works once.
      expect((await open(fresh)).status).toBe(303);
    });

    it('a forged session cookie lists nothing', async () => {
      const res = await t.request('GET', '/api/my-donations', { headers: { cookie: `wn_my=${'a'.repeat(64)}.9999999999.${'B'.repeat(43)}` } });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('LOOKUP_SESSION_REQUIRED');
    });
  });

  describe('查询我的捐赠 by order number and claim token', () => {
    const form = (body: Record<string, string>) =>
      t.request('POST', '/my/order', { raw: new URLSearchParams(body).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    it('with the right token: on to the result page, with the claim cookie; a wrong token tells nothing', async () => {
      const ok = await form({ orderNo: mine.orderNo, claimToken: claimTokenFor(mine.orderNo) });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toBe(`/donations/${mine.orderNo}`);
      const cookie = /wn_claim_[^=]+=[^;]+/.exec(ok.headers.get('set-cookie') ?? '')![0];
      const result = await t.request('GET', `/donations/${mine.orderNo}`, { headers: { cookie } });
      expect(result.text).toContain('下载收据');
      expect(result.text).toContain(`/api/donations/${mine.orderNo}/receipt.pdf`);

      const wrong = await form({ orderNo: mine.orderNo, claimToken: claimTokenFor(theirs.orderNo) });
      const unknown = await form({ orderNo: 'XX' + mine.orderNo.slice(2), claimToken: claimTokenFor(theirs.orderNo) });
      expect(wrong.status).toBe(403);
      expect(unknown.status).toBe(403);
      expect(wrong.headers.get('set-cookie')).toBeNull();
      expect(wrong.text).toContain('订单号或捐赠凭证不正确');
      expect(wrong.text.replace(/value="[^"]*"/g, '')).toBe(unknown.text.replace(/value="[^"]*"/g, ''));
    });
  });
});
