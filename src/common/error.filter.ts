import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { DomainError, ERROR_STATUS, ErrorCode } from './errors';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_BAD_URL: 'MALFORMED_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
};

const HAN = /[\u4e00-\u9fff]/;

/** The code for an HttpException without one of its own, by status (400 is VALIDATION_FAILED). */
const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  MALFORMED_JSON: '请求内容不是有效的 JSON',
  MALFORMED_URL: '请求地址格式不正确',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  URI_TOO_LONG: '请求地址过长',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限执行此操作',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  NOT_FOUND: '未找到该地址',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  INTERNAL_ERROR: '服务器内部错误',
};

/** The single place where errors become HTTP: `{ statusCode, code, message }`, never a stack. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    this.respond(exception, host.switchToHttp().getResponse<FastifyReply>());
  }

  /** Answers with the error's public shape (and logs what is the service's fault); also used by fastify hooks. */
  respond(exception: unknown, reply: FastifyReply): void {
    const body = this.toBody(exception);
    // SERVER_BUSY is a cap doing its job (see TotalsStreamHub), not a fault: one line per refusal would flood the log.
    if (body.statusCode >= 500 && body.code !== 'SERVICE_UNAVAILABLE' && body.code !== 'SERVER_BUSY') {
      this.logger.error({ err: exception }, 'Unhandled error');
    } else if (body.code === 'SERVICE_UNAVAILABLE') {
      this.logger.warn(`Dependency unavailable: ${(exception as Error)?.message ?? exception}`);
    }
    if (body.statusCode === 503) void reply.header('Retry-After', '5');
    // Every 429 says when to come back: the limit's own wait when the refusal knows it, else a minute.
    if (body.statusCode === 429 && !reply.hasHeader('Retry-After')) void reply.header('Retry-After', String(retryAfterOf(exception) ?? 60));
    void reply.status(body.statusCode).header('Cache-Control', 'no-store').header('Content-Type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
    }
    if (exception instanceof ThrottlerException) return this.known('RATE_LIMITED');
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Fastify's own errors (body parsing, content type, size) reach us wrapped by the Nest adapter.
      const fromFastify = exception.cause !== undefined ? this.fastifyError(exception.cause) : null;
      if (fromFastify) return fromFastify;
      const response = exception.getResponse() as { message?: unknown; code?: string };
      if (status === 400 && Array.isArray(response?.message)) {
        return { statusCode: 400, code: 'VALIDATION_FAILED', message: '请求参数不正确：' + response.message.join('；'), details: { errors: response.message } };
      }
      const code = typeof response?.code === 'string' ? response.code : (STATUS_CODES[status] ?? (status < 500 ? 'VALIDATION_FAILED' : 'INTERNAL_ERROR'));
      const text = typeof response?.message === 'string' ? response.message : exception.message;
      // Messages are for donors: a framework's English (or a 5xx's internals) gives way to a Chinese one.
      if (HAN.test(text)) return { statusCode: status, code, message: text };
      const message = MESSAGES[code as ErrorCode] ?? (status < 500 ? '请求不正确' : MESSAGES.INTERNAL_ERROR!);
      return { statusCode: status, code, message, ...(status === 400 && text ? { details: { reason: text } } : {}) };
    }
    const fromFastify = this.fastifyError(exception);
    if (fromFastify) return fromFastify;
    if (isUnavailable(exception)) return this.known('SERVICE_UNAVAILABLE');
    return this.known('INTERNAL_ERROR');
  }

  private fastifyError(exception: unknown): ErrorBody | null {
    const err = exception as { code?: string; statusCode?: number; message?: string } | null;
    if (!err || typeof err !== 'object') return null;
    if (typeof err.code === 'string' && FASTIFY_CODES[err.code]) return this.known(FASTIFY_CODES[err.code]);
    if (typeof err.code === 'string' && err.code.startsWith('FST_') && err.statusCode && err.statusCode < 500) {
      return { statusCode: err.statusCode, code: 'VALIDATION_FAILED', message: '请求不正确' };
    }
    if (err.statusCode === 400 && err instanceof SyntaxError) return this.known('MALFORMED_JSON');
    return null;
  }

  private known(code: ErrorCode): ErrorBody {
    return { statusCode: ERROR_STATUS[code], code, message: MESSAGES[code] ?? code };
  }
}

function retryAfterOf(exception: unknown): number | undefined {
  const seconds = exception instanceof DomainError ? exception.details?.retryAfterSeconds : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/**
 * Connection failures of PostgreSQL or Redis, and no pooled connection free within its wait (pg-pool's
 * `timeout exceeded when trying to connect`, an overloaded process): the client should retry, nothing
 * was written.
 */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = e?.code ?? e?.driverError?.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '53300'].includes(code)) return true;
  const message = e?.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Connection is closed|ECONNREFUSED|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error/i.test(
    message,
  );
}
