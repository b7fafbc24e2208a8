import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fiscalSignature } from '../../src/receipts/fiscal-platform';

export interface FiscalIssuedRecord {
  bizNo: string;
  billCode: string;
  billNo: string;
  checkCode: string;
  issueDate: string;
  amountFen: number;
  payerName: string;
  projectName: string;
  voided: boolean;
}

/**
 * A stand-in for a provincial 财政电子票据 platform, for development and tests: checks each
 * request's HMAC signature (app id, timestamp, nonce, body) with the app key and signs its
 * answers the same way; issues one receipt per business number (a repeated call gets the same
 * receipt), assigning the 票据代码, the next 10-digit 票据号码 and a 校验码, and returning a PDF; refuses
 * bad input with an `E…` code. It can be down (503, or the connection dropped) or slow.
 */
export interface FakeFiscalPlatform {
  url: string;
  appId: string;
  appKey: string;
  agencyCode: string;
  issued: Map<string, FiscalIssuedRecord>;
  /** Every call, in order: path and the answer's HTTP status (0: connection dropped). */
  calls: { path: string; status: number }[];
  /** Answer the next `count` calls with 503 (or drop the connection). */
  down(count: number, how?: '503' | 'drop'): void;
  /** Wait this long before answering each call. */
  slow(ms: number): void;
  /** The next answer names another amount than asked (a platform answer that does not match). */
  mismatchNext(): void;
  close(): Promise<void>;
}

const CODE = '42060126';

function minimalPdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${text}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );
}

export async function startFakeFiscalPlatform(options: { appId?: string; appKey?: string; agencyCode?: string } = {}): Promise<FakeFiscalPlatform> {
  const appId = options.appId ?? 'wennuan-test';
  const appKey = options.appKey ?? randomBytes(24).toString('hex');
  const agencyCode = options.agencyCode ?? '420601000001';
  const issued = new Map<string, FiscalIssuedRecord>();
  const calls: { path: string; status: number }[] = [];
  let downFor = 0;
  let downHow: '503' | 'drop' = '503';
  let delay = 0;
  let mismatch = false;
  let lastNumber = 0;

  function answer(res: ServerResponse, path: string, nonce: string, status: number, payload: unknown): void {
    const text = JSON.stringify(payload);
    const timestamp = String(Date.now());
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-signature': fiscalSignature(appKey, [appId, timestamp, nonce, text]),
    });
    res.end(text);
    calls.push({ path, status });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '';
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (downFor > 0) {
      downFor -= 1;
      calls.push({ path, status: downHow === 'drop' ? 0 : 503 });
      if (downHow === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('maintenance');
      return;
    }
    const nonce = String(req.headers['x-nonce'] ?? '');
    const expected = fiscalSignature(appKey, [String(req.headers['x-app-id'] ?? ''), String(req.headers['x-timestamp'] ?? ''), nonce, body]);
    if (req.headers['x-app-id'] !== appId || req.headers['x-signature'] !== expected) {
      return answer(res, path, nonce, 401, { code: 'E0401', message: '签名错误' });
    }
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return answer(res, path, nonce, 400, { code: 'E0400', message: '报文格式错误' });
    }
    if (input.agencyCode !== agencyCode) return answer(res, path, nonce, 400, { code: 'E1001', message: '单位编码不存在' });
    const bizNo = typeof input.bizNo === 'string' ? input.bizNo : '';
    if (!bizNo) return answer(res, path, nonce, 400, { code: 'E1002', message: '业务流水号不能为空' });

    const view = (r: FiscalIssuedRecord, amountFen = r.amountFen) => ({
      bizNo: r.bizNo,
      billCode: r.billCode,
      billNo: r.billNo,
      checkCode: r.checkCode,
      issueDate: r.issueDate,
      amountFen,
      pdfBase64: minimalPdf(`${r.billCode} ${r.billNo} ${r.checkCode}`).toString('base64'),
    });

    if (path === '/api/v1/donation-receipts/issue') {
      const amountFen = input.amountFen;
      if (typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen) || amountFen <= 0) {
        return answer(res, path, nonce, 400, { code: 'E2001', message: '金额必须为正整数（分）' });
      }
      if (typeof input.payerName !== 'string' || input.payerName.trim() === '')
        return answer(res, path, nonce, 400, { code: 'E2002', message: '交款人不能为空' });
      let record = issued.get(bizNo);
      if (!record) {
        lastNumber += 1;
        record = {
          bizNo,
          billCode: CODE,
          billNo: String(lastNumber).padStart(10, '0'),
          checkCode: randomBytes(3).toString('hex'),
          issueDate: new Date().toISOString(),
          amountFen,
          payerName: input.payerName,
          projectName: typeof input.projectName === 'string' ? input.projectName : '',
          voided: false,
        };
        issued.set(bizNo, record);
      }
      const wrong = mismatch;
      mismatch = false;
      return answer(res, path, nonce, 200, { code: '0', message: 'ok', data: view(record, wrong ? record.amountFen + 1 : record.amountFen) });
    }
    if (path === '/api/v1/donation-receipts/query') {
      const record = issued.get(bizNo);
      return answer(res, path, nonce, 200, { code: '0', message: 'ok', data: record ? view(record) : null });
    }
    if (path === '/api/v1/donation-receipts/void') {
      const record = issued.get(bizNo);
      if (!record) return answer(res, path, nonce, 400, { code: 'E3001', message: '票据不存在' });
      record.voided = true;
      return answer(res, path, nonce, 200, { code: '0', message: 'ok', data: null });
    }
    return answer(res, path, nonce, 404, { code: 'E0404', message: '接口不存在' });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    appKey,
    agencyCode,
    issued,
    calls,
    down(count, how = '503') {
      downFor = count;
      downHow = how;
    },
    slow(ms) {
      delay = ms;
    },
    mismatchNext() {
      mismatch = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
