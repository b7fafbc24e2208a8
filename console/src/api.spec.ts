import { api, ApiError, errorText, NETWORK_ERROR_MESSAGE, onUnauthorized, refused, request, urlOf } from './api';
import { saveSession } from './session';

/** sessionStorage, as the browser has it, for a test in Node. */
function fakeSessionStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, String(v)),
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
  };
}

describe('console API helper', () => {
  const realFetch = globalThis.fetch;
  let fetchMock: jest.Mock;
  let signedOut: string[];

  beforeEach(() => {
    Object.defineProperty(globalThis, 'sessionStorage', { value: fakeSessionStorage(), configurable: true });
    fetchMock = jest.fn();
    globalThis.fetch = fetchMock;
    signedOut = [];
    onUnauthorized((message) => signedOut.push(message));
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  it('maps an error answer to its stable code and Chinese message, keeping per-line details', () => {
    const error = refused(400, { statusCode: 400, code: 'INVALID_INPUT', message: '金额格式不正确', details: { errors: [{ line: 2 }] } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_INPUT', message: '金额格式不正确', details: { errors: [{ line: 2 }] } });
    expect(signedOut).toEqual([]);
  });

  it('falls back to HTTP_<status> when the answer is not the API error shape', () => {
    for (const body of [null, 'oops', { code: 42 }, {}])
      expect(refused(502, body)).toMatchObject({ status: 502, code: 'HTTP_502', message: '请求失败（502）' });
  });

  it('ends the session on a 401', () => {
    refused(401, { code: 'UNAUTHORIZED', message: '请先登录' });
    expect(signedOut).toEqual(['登录已失效，请重新登录。']);
  });

  it('says "no right" for a 403 and the message otherwise', () => {
    expect(errorText(new ApiError(403, 'FORBIDDEN', 'forbidden'))).toBe('当前角色无权执行此操作。');
    expect(errorText(new ApiError(409, 'CONFLICT', '已处理'))).toBe('已处理');
    expect(errorText(undefined)).toBe('操作失败，请重试。');
  });

  it('fills and encodes path parameters, and leaves empty query values out', () => {
    expect(urlOf('/api/staff/receipts/{receiptNo}/resend', { receiptNo: 'A/1 2' })).toBe('/api/staff/receipts/A%2F1%202/resend');
    expect(urlOf('/api/staff/jobs', undefined, { kind: 'export', mine: undefined, q: '', limit: 5, flagged: true })).toBe(
      '/api/staff/jobs?kind=export&limit=5&flagged=true',
    );
    expect(() => urlOf('/api/staff/jobs/{jobId}', {})).toThrow('missing path parameter jobId');
  });

  it('sends the bearer token and JSON, and returns the parsed answer', async () => {
    saveSession('tok-1', 3600);
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ accessToken: 't', expiresIn: 60 }), { status: 201 }));
    const done = await api('POST', '/api/staff/me/totp/confirm', { body: { code: '123456' } });
    expect(done.accessToken).toBe('t');
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/staff/me/totp/confirm');
    expect(init).toMatchObject({ method: 'POST', cache: 'no-store', body: '{"code":"123456"}' });
    expect(init.headers).toEqual({ Authorization: 'Bearer tok-1', 'Content-Type': 'application/json' });
  });

  it('sends no token once the session has expired', async () => {
    saveSession('old', 60, Date.now() - 61_000);
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(request('GET', '/api/staff/me')).resolves.toBeNull();
    expect((fetchMock.mock.calls[0] as [string, RequestInit])[1].headers).toEqual({});
  });

  it('rejects with the API error of a refused call, and NETWORK when there is no answer', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ code: 'NOT_FOUND', message: '未找到' }), { status: 404 }));
    await expect(request('GET', '/api/staff/receipts/x')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', message: '未找到' });
    fetchMock.mockResolvedValueOnce(new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(request('GET', '/api/staff/receipts/x')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(request('GET', '/api/staff/receipts/x')).rejects.toMatchObject({ status: 0, code: 'NETWORK', message: NETWORK_ERROR_MESSAGE });
  });

  it('sends an Idempotency-Key when asked, and a call of its own network message', async () => {
    saveSession('tok-2', 3600);
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ status: 'processing' }), { status: 202 }));
    await api('POST', '/api/staff/donations/{orderNo}/refund', { params: { orderNo: 'WN1' }, body: { reason: '重复捐赠' }, idempotencyKey: 'k-1' });
    expect((fetchMock.mock.calls[0] as [string, RequestInit])[1].headers).toEqual({
      Authorization: 'Bearer tok-2',
      'Idempotency-Key': 'k-1',
      'Content-Type': 'application/json',
    });
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(api('GET', '/api/staff/me', { networkMessage: '退款结果未知' })).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK',
      message: '退款结果未知',
    });
  });
});
