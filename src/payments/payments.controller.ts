import { Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { OkView } from '../common/dto/ok.view';
import { WechatNotifyAnswerView } from './dto/reconciliation.view';
import type { RawBodyRequest } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RateLimit } from '../common/rate-limit';
import { SandboxNotificationService } from './sandbox-notification.service';
import { WechatPayNotificationService } from './wechatpay/wechatpay-notification.service';
import { AlipayNotificationService } from './alipay/alipay-notification.service';

/** Provider callbacks, limited per client address on their own generous budget (CALLBACK_RATE_LIMIT). */
@ApiTags('payments')
@RateLimit('callbacks')
@Controller('api/payments')
export class PaymentsController {
  constructor(
    private readonly sandbox: SandboxNotificationService,
    private readonly wechatpay: WechatPayNotificationService,
    private readonly alipay: AlipayNotificationService,
  ) {}

  @Post('sandbox/notify')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Signature', description: 'sha256=<hex HMAC-SHA256(raw body, SANDBOX_PAYMENT_SECRET)>' })
  @ApiOperation({ summary: 'Sandbox payment notification: 200 {ok:true}; 401 INVALID_SIGNATURE; 404 ORDER_NOT_FOUND; 422 AMOUNT_MISMATCH (flagged for staff)' })
  @ApiOkResponse({ type: OkView })
  @ApiErrors({ 401: 'INVALID_SIGNATURE', 404: 'ORDER_NOT_FOUND', 422: 'AMOUNT_MISMATCH' })
  async sandboxNotify(@Req() req: RawBodyRequest<FastifyRequest>): Promise<OkView> {
    const { ok } = await this.sandbox.handle(rawOf(req), req.headers);
    return { ok };
  }

  @Post('wechatpay/notify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'WeChat Pay API v3 notification (Wechatpay-Timestamp/Nonce/Signature/Serial headers, AEAD_AES_256_GCM resource)',
    description:
      '200 { code: "SUCCESS" } once recorded (WeChat stops retrying); any error answer makes WeChat retry: 401 INVALID_SIGNATURE (bad signature, unknown serial, stale timestamp), 400 INVALID_RESOURCE (cannot decrypt), 404 ORDER_NOT_FOUND, 422 AMOUNT_MISMATCH (flagged for staff).',
  })
  @ApiOkResponse({ type: WechatNotifyAnswerView })
  @ApiErrors({ 400: 'INVALID_RESOURCE', 401: 'INVALID_SIGNATURE', 404: 'ORDER_NOT_FOUND', 422: 'AMOUNT_MISMATCH' })
  async wechatpayNotify(@Req() req: RawBodyRequest<FastifyRequest>): Promise<WechatNotifyAnswerView> {
    await this.wechatpay.handle(rawOf(req), req.headers);
    return { code: 'SUCCESS', message: '成功' };
  }

  @Post('alipay/notify')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    summary: 'Alipay asynchronous notification (form, RSA2-signed)',
    description:
      'Plain text `success` once recorded (Alipay stops retrying); any other answer makes Alipay retry: 401 INVALID_SIGNATURE, 404 ORDER_NOT_FOUND, 422 AMOUNT_MISMATCH (flagged for staff).',
  })
  @ApiOkResponse({ description: 'the text `success`', content: { 'text/plain': { schema: { type: 'string', enum: ['success'] } } } })
  @ApiErrors({ 401: 'INVALID_SIGNATURE', 404: 'ORDER_NOT_FOUND', 422: 'AMOUNT_MISMATCH' })
  async alipayNotify(@Req() req: RawBodyRequest<FastifyRequest>): Promise<'success'> {
    await this.alipay.handle(rawOf(req), req.headers);
    return 'success';
  }
}

/** The callback exactly as received (bootstrap.ts parses provider callbacks as bytes). */
function rawOf(req: RawBodyRequest<FastifyRequest>): Buffer {
  if (Buffer.isBuffer(req.body)) return req.body;
  return req.rawBody ?? Buffer.alloc(0);
}
