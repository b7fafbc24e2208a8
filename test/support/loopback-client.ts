/**
 * HTTP from a chosen loopback source address (127.0.0.2, 127.0.0.3, …), so that one test can be
 * several clients as the service sees them (with TRUST_PROXY=false, the socket's peer address).
 * Node's fetch cannot pick a source address; node:http can (`localAddress`).
 */
import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { connect, Socket } from 'node:net';

export interface LoopbackResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
  text: string;
}

/** One request from `from`, on a connection of its own (no keep-alive), answered in full. */
export function requestFrom(
  from: string,
  baseUrl: string,
  method: string,
  path: string,
  init: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string>; token?: string } = {},
): Promise<LoopbackResponse> {
  const url = new URL(path, baseUrl);
  const payload = init.body === undefined ? init.raw : JSON.stringify(init.body);
  const headers: Record<string, string> = { connection: 'close', ...(init.headers ?? {}) };
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: from, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface OpenStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The refusal's JSON when the status is not 200. */
  body: any;
  /** What the stream has sent so far. */
  received(): string;
  close(): void;
}

/** Opens an event stream from `from`; resolves once the status is known (a 200 stays open until close()). */
export function openStreamFrom(from: string, baseUrl: string, path: string): Promise<OpenStream> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, headers: { accept: 'text/event-stream' }, localAddress: from, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        const base = { status: res.statusCode ?? 0, headers: res.headers, received: () => text, close: () => req.destroy() };
        if (res.statusCode === 200) {
          res.on('data', (c: string) => (text += c));
          res.on('error', () => undefined);
          // Resolved once the first event arrived: the stream is attached on the server by then.
          const first = () => {
            if (text.includes('data: ')) {
              res.off('data', first);
              resolve({ ...base, body: undefined });
            }
          };
          res.on('data', first);
          return;
        }
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ ...base, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export interface SlowConnection {
  socket: Socket;
  /** Bytes the server sent before it closed the connection. */
  received(): string;
  closed: Promise<void>;
}

/** A connection from `from` that sends the start of a request's headers and never finishes them (slowloris). */
export function slowHeadersFrom(from: string, baseUrl: string): SlowConnection {
  const url = new URL(baseUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port), localAddress: from });
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (c: string) => (text += c));
  socket.on('error', () => undefined);
  socket.on('connect', () => socket.write('GET /health HTTP/1.1\r\nHost: wennuan\r\nX-Slow: '));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => text, closed };
}
