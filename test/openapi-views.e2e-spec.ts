import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { eventually } from './support/smtp-sink';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  claimTokenFor,
  createCampaign,
  createDonation,
  isolated,
  login,
  notifySandbox,
  paySandbox,
  startApp,
  TestApp,
  TestResponse,
} from './support/test-app';

type Schema = Record<string, unknown>;
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * Routes under /api/ that deliberately answer something other than a JSON body, with why. Every
 * other route must declare the JSON schema of its 2xx answer, so that clients generated from
 * openapi.json (the console's types) know each response's shape.
 */
const NOT_JSON: Record<string, string> = {
  'GET /api/campaigns/{code}/qr.png': 'an image',
  'GET /api/campaigns/{code}/qr.svg': 'an image',
  'GET /api/campaigns/{code}/poster.pdf': 'a PDF',
  'GET /api/campaigns/{code}/poster.png': 'an image',
  'GET /api/campaigns/{code}/totals/stream': 'text/event-stream',
  'GET /api/campaigns/{code}/publications/{file}': 'a CSV or JSON file download',
  'GET /api/campaigns/{code}/disbursements/{id}/attachment': 'a file',
  'GET /api/staff/disbursements/{id}/attachment': 'a file',
  'GET /api/staff/disbursements/{id}/payment-notice.pdf': 'a PDF',
  'GET /api/staff/receipt-requests/{requestId}/screenshot': 'an image',
  'GET /api/staff/receipts/{receiptNo}/pdf': 'a PDF',
  'GET /api/staff/receipts/{receiptNo}/official-file': 'a file',
  'GET /api/donations/{orderNo}/receipt.pdf': 'a PDF',
  'GET /api/my-donations/receipts/{receiptNo}/pdf': 'a PDF',
  'GET /api/staff/bank-transfers/statement-template.csv': 'a CSV file',
  'GET /api/staff/bank-transfers/statement-template.xlsx': 'a spreadsheet',
  'GET /api/staff/exports/donations.csv': 'a CSV file',
  'GET /api/staff/exports/donations.xlsx': 'a spreadsheet',
  'GET /api/staff/exports/receipts.csv': 'a CSV file',
  'GET /api/staff/exports/receipts.xlsx': 'a spreadsheet',
  'GET /api/staff/exports/goods.csv': 'a CSV file',
  'GET /api/staff/exports/goods.xlsx': 'a spreadsheet',
  'GET /api/staff/export-jobs/{jobId}/file': 'a file',
  'GET /api/staff/distributions/{id}/delivery-note.pdf': 'a PDF',
  'POST /api/payments/alipay/notify': "Alipay's plain-text `success`",
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operations(document: Document): Array<{ route: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
  );
}

function successSchema(operation: Operation, status: number): Schema | undefined {
  return operation.responses?.[String(status)]?.content?.['application/json']?.schema;
}

/**
 * OpenAPI 3.0 schemas as JSON Schema for Ajv: `nullable` becomes a union with null, and an object
 * with listed properties allows no others, so a field a view does not declare fails the check.
 */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') out[key] = (value as string).replace('#/components/schemas/', '#/definitions/');
    else if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)]));
    else if (key !== 'nullable' && key !== 'example') out[key] = toJsonSchema(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if ((schema as Schema).nullable === true) return { anyOf: [{ type: 'null' }, out] };
  return out;
}

describe('the OpenAPI document describes every JSON answer', () => {
  let t: TestApp;
  let document: Document;
  let ajv: Ajv;

  // Its own database and Redis prefix: the receipt this suite asks for must be issued by its own worker.
  const own = isolated('views');

  beforeAll(async () => {
    t = await startApp(own.env);
    document = (await t.request('GET', '/docs-json')).body as Document;
    ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi', definitions: toJsonSchema(document.components.schemas) as Schema });
  });

  afterAll(async () => {
    await t?.close();
    await own.drop();
  });

  function validatorFor(route: string, status: number): ValidateFunction {
    const [method, path] = route.split(' ');
    const schema = successSchema(document.paths[path][method.toLowerCase()], status);
    if (!schema) throw new Error(`${route} declares no ${status} schema`);
    const json = JSON.stringify(toJsonSchema(schema)).replaceAll('"#/definitions/', '"openapi#/definitions/');
    return ajv.compile(JSON.parse(json) as Schema);
  }

  function expectValid(route: string, res: TestResponse, status: number): void {
    expect(res.status).toBe(status);
    const validate = validatorFor(route, status);
    const valid = validate(res.body);
    expect({ route, errors: valid ? null : validate.errors }).toEqual({ route, errors: null });
  }

  it('declares a 2xx JSON schema for every route under /api/ (the deliberate exceptions are listed, with why)', () => {
    const routes = operations(document).filter(({ route }) => route.split(' ')[1].startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(100);
    const undeclared = routes
      .filter(({ route, operation }) => !NOT_JSON[route] && ![200, 201, 202].some((status) => successSchema(operation, status)))
      .map(({ route }) => route);
    expect(undeclared).toEqual([]);
    // The list names only routes that exist and really have no JSON schema.
    const stale = Object.keys(NOT_JSON).filter(
      (route) => !routes.some((r) => r.route === route && ![200, 201, 202].some((s) => successSchema(r.operation, s))),
    );
    expect(stale).toEqual([]);
  });

  it('gives every error the one error shape', () => {
    const errorRef = { $ref: '#/components/schemas/ErrorView' };
    const withoutDefault = operations(document)
      .filter(({ route }) => route.split(' ')[1].startsWith('/api/'))
      .filter(({ operation }) => JSON.stringify(operation.responses?.default?.content?.['application/json']?.schema) !== JSON.stringify(errorRef))
      .map(({ route }) => route);
    expect(withoutDefault).toEqual([]);
  });

  it('answers a donation, its look-up, the totals and the staff search in their declared shapes', async () => {
    const admin = await login(t);
    const code = await createCampaign(t, admin);
    const created = await createDonation(t, code, { amountFen: 12345, donorName: '王五', phone: '13800138000', message: '加油', showOnWall: true });
    expectValid('POST /api/campaigns/{code}/donations', created, 201);
    const orderNo = created.body.orderNo as string;
    expectValid('GET /api/donations/{orderNo}', await t.request('GET', `/api/donations/${orderNo}`), 200);
    await notifySandbox(t, { orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 12345, paidAt: '2026-11-23T10:00:00+08:00' });
    const paid = await t.request('GET', `/api/donations/${orderNo}`);
    expect(paid.body).toMatchObject({ status: 'paid', paidAt: expect.any(String) });
    expectValid('GET /api/donations/{orderNo}', paid, 200);
    expectValid('GET /api/campaigns/{code}/totals', await t.request('GET', `/api/campaigns/${code}/totals`), 200);
    const search = await t.request('GET', `/api/staff/donations?campaignCode=${code}`, { token: admin });
    expect(search.body.items).toHaveLength(1);
    expectValid('GET /api/staff/donations', search, 200);
  });

  it('answers sign-in, a campaign, the staff accounts and the audit log in their declared shapes', async () => {
    const signIn = await t.request('POST', '/api/auth/login', { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    expectValid('POST /api/auth/login', signIn, 200);
    const admin = signIn.body.accessToken as string;
    const code = await createCampaign(t, admin, { funds: [{ code: 'medical', name: '医疗物资' }] });
    expectValid('GET /api/campaigns/{code}', await t.request('GET', `/api/campaigns/${code}`), 200);
    expectValid('GET /api/staff/campaigns', await t.request('GET', '/api/staff/campaigns', { token: admin }), 200);
    expectValid('GET /api/staff/users', await t.request('GET', '/api/staff/users', { token: admin }), 200);
    expectValid('GET /api/staff/me', await t.request('GET', '/api/staff/me', { token: admin }), 200);
    expectValid('GET /health', await t.request('GET', '/health'), 200);
    const log = await t.request('GET', '/api/staff/audit-log?limit=5', { token: admin });
    expect(log.body.items.length).toBeGreaterThan(0);
    expectValid('GET /api/staff/audit-log', log, 200);
  });

  it('answers a receipt request, its status, the review queue (masked) and a reveal in their declared shapes', async () => {
    const admin = await login(t);
    const code = await createCampaign(t, admin, { autoApproveReceipts: false });
    const orderNo = await paySandbox(t, code, 20000, {}, { paidAt: '2026-11-23T10:00:00+08:00' });
    const asked = await t.request('POST', '/api/receipt-requests', {
      body: {
        campaignCode: code,
        orderNo,
        claimToken: claimTokenFor(orderNo),
        amountFen: 20000,
        donorType: 'individual',
        name: '张伟',
        idNumber: '11010519491231002X',
        invoiceTitle: '张伟',
        phone: '13800138000',
        email: 'zhang.wei@example.com',
      },
    });
    expectValid('POST /api/receipt-requests', asked, 201);
    expectValid('GET /api/receipt-requests/{requestId}', await t.request('GET', `/api/receipt-requests/${asked.body.requestId}`), 200);
    const queue = await t.request('GET', `/api/staff/receipt-requests?status=pending_review&campaignCode=${code}`, { token: admin });
    expect(queue.body.items).toHaveLength(1);
    expectValid('GET /api/staff/receipt-requests', queue, 200);
    // The queue masks the personal data; a reveal (audited) shows it in clear.
    expect(queue.body.items[0]).toMatchObject({
      idNumber: '1****************X',
      phone: '138****8000',
      email: 'z***@example.com',
      amountFen: 20000,
      amountYuan: '200.00',
    });
    const revealed = await t.request('POST', `/api/staff/receipt-requests/${asked.body.requestId}/reveal`, { token: admin });
    expectValid('POST /api/staff/receipt-requests/{requestId}/reveal', revealed, 200);
    expect(revealed.body).toMatchObject({ idNumber: '11010519491231002X', phone: '13800138000', email: 'zhang.wei@example.com' });
    expectValid('GET /api/donations/{orderNo}', await t.request('GET', `/api/donations/${orderNo}`), 200);
  });

  it('answers a pledge of goods, its inspection, the stock and a distribution in their declared shapes', async () => {
    const admin = await login(t);
    const code = await createCampaign(t, admin);
    expectValid('GET /api/in-kind/items', await t.request('GET', '/api/in-kind/items'), 200);
    const pledged = await t.request('POST', '/api/staff/in-kind-donations', {
      token: admin,
      body: {
        campaignCode: code,
        donor: { name: '武汉光谷医疗器械有限公司', donorType: 'organization', phone: '13800138000' },
        items: [{ itemCode: 'medical-protective-mask', quantity: 100, valuationFen: 500 }],
      },
    });
    expectValid('POST /api/staff/in-kind-donations', pledged, 201);
    const inspected = await t.request('POST', `/api/staff/in-kind-donations/${pledged.body.id}/inspections`, {
      token: admin,
      body: { items: [{ itemCode: 'medical-protective-mask', acceptedQuantity: 90, rejectedQuantity: 10, reason: '包装破损' }] },
    });
    expectValid('POST /api/staff/in-kind-donations/{id}/inspections', inspected, 200);
    expectValid('GET /api/staff/in-kind-donations', await t.request('GET', `/api/staff/in-kind-donations?campaignCode=${code}`, { token: admin }), 200);
    const distributed = await t.request('POST', '/api/staff/distributions', {
      token: admin,
      body: { campaignCode: code, recipient: '武汉市第一医院', items: [{ itemCode: 'medical-protective-mask', quantity: 30 }] },
    });
    expectValid('POST /api/staff/distributions', distributed, 201);
    expectValid('GET /api/staff/in-kind/stock', await t.request('GET', `/api/staff/in-kind/stock?campaignCode=${code}`, { token: admin }), 200);
    const movements = await t.request('GET', `/api/staff/in-kind/stock/movements?campaignCode=${code}`, { token: admin });
    expectValid('GET /api/staff/in-kind/stock/movements', movements, 200);
    expectValid(
      'GET /api/staff/in-kind/stock/reconciliation',
      await t.request('GET', `/api/staff/in-kind/stock/reconciliation?campaignCode=${code}`, { token: admin }),
      200,
    );
    const totals = await t.request('GET', `/api/campaigns/${code}/totals`);
    expect(totals.body.inKind).toEqual([expect.objectContaining({ itemCode: 'medical-protective-mask', receivedQuantity: 90, distributedQuantity: 30 })]);
    expectValid('GET /api/campaigns/{code}/totals', totals, 200);
  });

  it('answers a bank transfer, the wall, the daily amounts, disbursements and a publication in their declared shapes', async () => {
    const admin = await login(t);
    const code = await createCampaign(t, admin, { funds: [{ code: 'medical', name: '医疗物资' }] });
    const transfer = await t.request('POST', '/api/staff/bank-transfers', {
      token: admin,
      body: {
        campaignCode: code,
        bankReference: `BR-${randomUUID()}`,
        amountFen: 500000,
        payerName: '武汉光谷科技有限公司',
        receivedAt: '2020-02-01T10:30:00+08:00',
      },
    });
    expectValid('POST /api/staff/bank-transfers', transfer, 201);
    const gift = await createDonation(t, code, { amountFen: 10000, donorName: '李四', showOnWall: true, message: '加油', fundCode: 'medical' });
    await notifySandbox(t, { orderNo: gift.body.orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 10000, paidAt: '2026-11-23T10:00:00+08:00' });
    const wall = await t.request('GET', `/api/campaigns/${code}/wall`);
    expect(wall.body.items).toEqual([expect.objectContaining({ fundCode: 'medical', message: '加油' })]);
    expectValid('GET /api/campaigns/{code}/wall', wall, 200);
    expectValid('GET /api/campaigns/{code}/daily', await t.request('GET', `/api/campaigns/${code}/daily?days=3`), 200);
    const totals = await t.request('GET', `/api/campaigns/${code}/totals`);
    expect(totals.body.funds).toHaveLength(1);
    expectValid('GET /api/campaigns/{code}/totals', totals, 200);
    const disbursed = await t.request('POST', '/api/staff/disbursements', {
      token: admin,
      body: { campaignCode: code, amountFen: 800000, recipient: '武汉市金银潭医院', purpose: '防护服', date: '2020-02-10' },
    });
    expect(disbursed.body.warning).toEqual(expect.any(String)); // more than received: recorded with a warning
    expectValid('POST /api/staff/disbursements', disbursed, 201);
    expectValid('GET /api/staff/disbursements/{id}', await t.request('GET', `/api/staff/disbursements/${disbursed.body.id}`, { token: admin }), 200);
    expectValid(
      'POST /api/staff/disbursements/{id}/void',
      await t.request('POST', `/api/staff/disbursements/${disbursed.body.id}/void`, { token: admin, body: { reason: '金额录错' } }),
      200,
    );
    expectValid('GET /api/campaigns/{code}/disbursements', await t.request('GET', `/api/campaigns/${code}/disbursements`), 200);
    expectValid('POST /api/staff/campaigns/{code}/publications', await t.request('POST', `/api/staff/campaigns/${code}/publications`, { token: admin }), 201);
    expectValid('GET /api/campaigns/{code}/publications', await t.request('GET', `/api/campaigns/${code}/publications`), 200);
    expectValid('GET /api/campaigns/{code}/disclosure-schedule', await t.request('GET', `/api/campaigns/${code}/disclosure-schedule`), 200);
    expectValid('GET /api/staff/jobs', await t.request('GET', '/api/staff/jobs?mine=false', { token: admin }), 200);
  });

  it('answers an issued receipt: its request, the staff details and search, the public verification, a paper receipt book and its number, the form, the declines and a void in their declared shapes', async () => {
    const admin = await login(t);
    const code = await createCampaign(t, admin);
    const orderNo = await paySandbox(t, code, 20000, {}, { paidAt: '2026-11-23T10:00:00+08:00' });
    const asked = await t.request('POST', '/api/receipt-requests', {
      body: {
        campaignCode: code,
        orderNo,
        claimToken: claimTokenFor(orderNo),
        amountFen: 20000,
        donorType: 'individual',
        name: '张伟',
        idNumber: '11010519491231002X',
        invoiceTitle: '张伟',
        phone: '13800138000',
        email: 'zhang.wei@example.com',
      },
    });
    expect(asked.body.status).toBe('queued');
    const requestId = asked.body.requestId as string;
    const receiptNo = await eventually(
      async () => {
        const res = await t.request('GET', `/api/receipt-requests/${requestId}`);
        return res.body.status === 'issued' ? (res.body.receiptNo as string) : undefined;
      },
      90_000,
      `request ${requestId} issued`,
    );
    expectValid('GET /api/receipt-requests/{requestId}', await t.request('GET', `/api/receipt-requests/${requestId}`), 200);
    const details = await t.request('GET', `/api/staff/receipts/${receiptNo}`, { token: admin });
    expectValid('GET /api/staff/receipts/{receiptNo}', details, 200);
    expectValid('GET /api/staff/receipts', await t.request('GET', `/api/staff/receipts?campaignCode=${code}`, { token: admin }), 200);
    const signature = new URL(details.body.verifyUrl as string).searchParams.get('s')!;
    expectValid('GET /api/receipts/verify/{receiptNo}', await t.request('GET', `/api/receipts/verify/${receiptNo}?s=${encodeURIComponent(signature)}`), 200);
    expectValid('GET /api/donations/{orderNo}', await t.request('GET', `/api/donations/${orderNo}`), 200);
    // A paper receipt book, a number of it attached to the record, the book's report and the form to fill in.
    const bookCode = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const book = await t.request('POST', '/api/staff/receipt-books', {
      token: admin,
      body: { code: bookCode, firstNumber: '0000000001', lastNumber: '0000000100' },
    });
    expectValid('POST /api/staff/receipt-books', book, 201);
    expectValid('GET /api/staff/receipt-books', await t.request('GET', '/api/staff/receipt-books', { token: admin }), 200);
    const paper = await t.request('POST', `/api/staff/receipts/${receiptNo}/paper`, { token: admin, body: { bookId: book.body.id, number: '0000000001' } });
    expectValid('POST /api/staff/receipts/{receiptNo}/paper', paper, 200);
    const report = await t.request('GET', `/api/staff/receipt-books/${book.body.id}`, { token: admin });
    expectValid('GET /api/staff/receipt-books/{id}', report, 200);
    expect(report.body).toMatchObject({ size: 100, used: 1, spoiled: 0, unused: 99 });
    expectValid('GET /api/staff/receipts/{receiptNo}/form', await t.request('GET', `/api/staff/receipts/${receiptNo}/form`, { token: admin }), 200);
    expectValid('GET /api/staff/receipt-declines', await t.request('GET', `/api/staff/receipt-declines?campaignCode=${code}`, { token: admin }), 200);
    const voided = await t.request('POST', `/api/staff/receipts/${receiptNo}/void`, { token: admin, body: { reason: '抬头有误' } });
    expect(voided.body.status).toBe('voided');
    expectValid('POST /api/staff/receipts/{receiptNo}/void', voided, 200);
  });

  it('catches an answer that is not its declared shape (the check above can fail)', () => {
    const validate = validatorFor('GET /api/donations/{orderNo}', 200);
    const answer = { orderNo: 'WN1', status: 'paid', amountFen: 1, amountYuan: '0.01', channel: 'sandbox', campaignCode: 'c', campaignTitle: 't' };
    const full = { ...answer, createdAt: new Date().toISOString(), receiptEligible: false };
    expect(validate(full)).toBe(true);
    expect(validate(answer)).toBe(false); // a missing field
    expect(validate({ ...full, phone: '13800138000' })).toBe(false); // an undeclared field
    expect(validate({ ...full, amountFen: '1' })).toBe(false); // a wrong type
  });
});
