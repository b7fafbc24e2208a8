import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { RequestLog, requestIdFor } from '../logging';
import { recordHttpDuration } from '../metrics/metrics';

/** What a front route answers: a status, its own headers and the body (none for 304). Reused across requests. */
export interface FrontAnswer {
  status: 200 | 304;
  headers: Readonly<Record<string, string>>;
  body?: Buffer;
}

/**
 * A public GET read answered from memory before fastify's router: `answer` returns undefined to let
 * the request go on to fastify and Nest as usual (not cached yet, not its URL, anything unusual).
 */
export interface FrontRoute {
  /** The route pattern fastify knows it by, for the metrics (`/api/campaigns/:code/totals`). */
  readonly pattern: string;
  answer(url: string, request: IncomingMessage): FrontAnswer | undefined;
}

const doors = new WeakMap<Server, FrontDoor>();

/**
 * The node:http request listener in front of fastify. A cached public read (the totals every phone
 * in the city refreshes) costs less than half of its CPU in fastify and Nest's per-request hooks
 * (docs/BENCHMARKS.md): routes registered here answer such reads straight from node:http, with what
 * every API answer carries (the security headers, X-Request-Id, the request log line and the
 * latency metric), and hand everything else to fastify untouched. Only plain GETs without a body
 * are looked at; once the process starts stopping (`close()`), every request goes to fastify, which
 * answers 503 and closes connections.
 *
 * A HOST that resolves to several addresses (`localhost`) makes fastify open a second server for the
 * others; requests there go straight to fastify (same answers, without this shortcut).
 */
export class FrontDoor {
  private routes: FrontRoute[] = [];
  private closed = false;
  /** Each answer's headers with the common ones and its Content-Length, merged once. */
  private readonly merged = new WeakMap<FrontAnswer, Record<string, string | number>>();

  private constructor(
    private readonly headers: Readonly<Record<string, string>>,
    private readonly requestLog: RequestLog,
  ) {}

  /** Puts a FrontDoor in front of the server's request listeners (fastify's handler). */
  static mount(server: Server, headers: Readonly<Record<string, string>>, requestLog: RequestLog): FrontDoor {
    const door = new FrontDoor(headers, requestLog);
    const fallbacks = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (door.serve(req, res)) return;
      for (const listener of fallbacks) listener.call(server, req, res);
    });
    doors.set(server, door);
    return door;
  }

  /** The FrontDoor of this server; undefined where there is none (worker processes). */
  static of(server: Server | undefined): FrontDoor | undefined {
    return server ? doors.get(server) : undefined;
  }

  /** Registers a route; returns its removal. */
  add(route: FrontRoute): () => void {
    this.routes = [...this.routes, route];
    return () => {
      this.routes = this.routes.filter((r) => r !== route);
    };
  }

  /** From now on every request goes to fastify (called when the process starts stopping). */
  close(): void {
    this.closed = true;
  }

  private serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.closed || this.routes.length === 0 || req.method !== 'GET') return false;
    const { 'content-length': length, 'transfer-encoding': chunked } = req.headers;
    if (chunked !== undefined || (length !== undefined && length !== '0')) return false;
    const started = performance.now();
    const url = req.url ?? '';
    for (const route of this.routes) {
      let answer: FrontAnswer | undefined;
      try {
        answer = route.answer(url, req);
      } catch {
        return false; // fastify's path answers it, errors included
      }
      if (answer) {
        this.send(req, res, url, route.pattern, answer, started);
        return true;
      }
    }
    return false;
  }

  private send(req: IncomingMessage, res: ServerResponse, url: string, pattern: string, answer: FrontAnswer, started: number): void {
    const id = requestIdFor(req);
    let headers = this.merged.get(answer);
    if (!headers) {
      headers = { ...this.headers, ...answer.headers, ...(answer.body && { 'content-length': answer.body.length }) };
      this.merged.set(answer, headers);
    }
    res.writeHead(answer.status, { ...headers, 'x-request-id': id });
    res.end(answer.body);
    const elapsedMs = performance.now() - started;
    this.requestLog.write(id, 'GET', url, answer.status, elapsedMs);
    recordHttpDuration('GET', pattern, answer.status, elapsedMs / 1000);
  }
}
