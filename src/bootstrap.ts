import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifyCookie from '@fastify/cookie';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { guardConnections, serverTimeouts } from './common/connection-guard';
import { ErrorFilter } from './common/error.filter';
import { DomainError } from './common/errors';
import { InputValidationPipe, refuseControlCharactersInUrl } from './common/input-checks';
import { AppConfig } from './config/app-config';
import { createLogger, logRequests, PinoNestLogger, requestIdFor } from './logging';
import { openApiDocument } from './openapi';
import { apiSecurityHeaders, helmetOptions, securityHeaders } from './common/security-headers';
import { TEMPLATES_DIR } from './common/page-renderer';
import { SCREENSHOT_MAX_BYTES } from './receipts/screenshot-storage';

/** The donor pages' bundles (scripts/build-console.mjs; build output, git-ignored). */
const DONOR_BUILD_DIR = join(TEMPLATES_DIR, 'donor-build');

const BODY_LIMIT = 1024 * 1024;
/** JSON bodies nest no deeper than this: class-transformer recurses, and a deep body would overflow its stack. */
const MAX_JSON_DEPTH = 32;
const errorFilter = new ErrorFilter();
const PROVIDER_BYTES = 'application/x-wennuan-provider-callback';
/** Where the content type a provider sent is kept (the notification log records it). */
export const ORIGINAL_CONTENT_TYPE = 'x-original-content-type';

/**
 * Body parsing and the router's own refusals. Route parameters may be long enough to reach the handlers
 * (an over-long order number is just an unknown one); longer, and malformed URLs, get the public error
 * shape too (`frameworkErrors` answers before any hook or filter runs).
 */
const REQUEST_PARSING = {
  bodyLimit: BODY_LIMIT,
  // The request id of every log line: the caller's X-Request-Id when sane, else a new UUID.
  genReqId: requestIdFor,
  requestIdHeader: false as const,
  routerOptions: { maxParamLength: 2048 },
  frameworkErrors: (error: Error, _request: FastifyRequest, reply: FastifyReply) => errorFilter.respond(error, reply),
};

/** The one way to build the service, used by main.ts and by every e2e test. */
export async function createHttpApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ ...REQUEST_PARSING, ...serverTimeouts(config.connections), trustProxy: config.trustProxy, return503OnClosing: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { rawBody: true, bufferLogs: true, abortOnError: false });
  guardConnections(app.getHttpServer(), config.connections, config.trustProxy);
  const logger = createLogger(config);
  app.useLogger(new PinoNestLogger(logger));
  logRequests(app.getHttpAdapter().getInstance(), logger);
  const formTargets = [config.alipay ? new URL(config.alipay.gateway).origin : null, config.wechatPay ? 'https://wx.tenpay.com' : null].filter(
    (origin): origin is string => origin !== null,
  );
  const pageHeaders = securityHeaders(helmetOptions(config.publicBaseUrl, formTargets));
  const apiHeaders = apiSecurityHeaders(pageHeaders);
  guardRequestBodies(app, pageHeaders, apiHeaders);
  app.useGlobalPipes(new InputValidationPipe());
  // Signals (SIGTERM/SIGINT) are handled in main.ts: a clean stop exits 0; tests call close().
  // Multipart only where a handler asks for it (receipt requests with a payment screenshot).
  // Cookies: the donor's claim token (HttpOnly, one per order; see donations/claim-token.ts).
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: SCREENSHOT_MAX_BYTES, files: 1, fields: 30, fieldSize: 4096, parts: 32 } });
  // One route per file, listed at start (the assets ship with the build): no directory walk per request.
  // templates/donor-build holds the donor pages' bundled scripts (donate.js, receipt-request.js, campaign.js; build
  // output of scripts/build-console.mjs, like the console's bundle), served beside the plain ones under their names.
  if (!existsSync(DONOR_BUILD_DIR)) logger.warn("The donor pages' scripts are not built: run `npm run build:console` (scripts/build-console.mjs) and restart");
  await app.register(fastifyStatic, {
    root: [join(TEMPLATES_DIR, 'assets'), DONOR_BUILD_DIR],
    prefix: '/assets/',
    decorateReply: false,
    maxAge: 3600_000,
    wildcard: false,
  });
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/**
 * The JSON API (`/api/...`) takes JSON bodies, or multipart where an endpoint takes files: anything else is
 * 415 before it is parsed (Fastify would otherwise hand text/plain or a form to the handler as a string or
 * flat object). Parsed JSON is refused when it nests deeper than MAX_JSON_DEPTH. Every answer carries the
 * security headers (computed once, see security-headers.ts: the pages' set, or the leaner API set for
 * /api/) and its request id.
 */
function guardRequestBodies(app: NestFastifyApplication, pageHeaders: Readonly<Record<string, string>>, apiHeaders: Readonly<Record<string, string>>): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Payment provider callbacks are opaque bytes until their signature is checked: they are kept
  // raw (even when they are not valid JSON, or are a form, as Alipay sends), then parsed by their handler.
  fastify.addContentTypeParser(PROVIDER_BYTES, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
  // Callback hooks, not async ones: no promise and no extra turn of the microtask queue per request
  // (the totals read is the hottest path). An error handed to done() goes where a rejected async
  // hook's would: fastify's error handler, i.e. Nest's exception filters (the common error shape).
  fastify.addHook('onRequest', (request, reply, done) => {
    const url = request.url;
    const api = url.startsWith('/api/');
    void reply.headers(api ? apiHeaders : pageHeaders).header('X-Request-Id', request.id);
    if (!api) return done();
    if (request.method === 'POST' && url.startsWith('/api/payments/') && url.includes('/notify')) {
      request.headers[ORIGINAL_CONTENT_TYPE] = request.headers['content-type'] ?? '';
      request.headers['content-type'] = PROVIDER_BYTES;
      return done();
    }
    const { 'content-length': length, 'transfer-encoding': chunked } = request.headers;
    if (chunked === undefined && (length === undefined || length === '0')) return done();
    const type = mediaType(request.headers['content-type']);
    if (type !== 'application/json' && type !== 'multipart/form-data') {
      return done(new DomainError('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请以 application/json 提交'));
    }
    done();
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      refuseControlCharactersInUrl(request.params, request.query);
    } catch (error) {
      return done(error as Error);
    }
    if (request.body !== undefined && mediaType(request.headers['content-type']) === 'application/json' && nestsDeeperThan(request.body, MAX_JSON_DEPTH)) {
      return done(new DomainError('VALIDATION_FAILED', '请求内容嵌套层级过深'));
    }
    done();
  });
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Iterative, so that the check itself cannot overflow the stack. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** APP_ROLE=worker: no HTTP server, only the queue workers. */
export async function createWorkerContext(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(new PinoNestLogger(createLogger(config)));
  // Signals (SIGTERM/SIGINT) are handled in main.ts: a clean stop exits 0; tests call close().
  return app;
}

export type RunningApp = INestApplication | INestApplicationContext;
