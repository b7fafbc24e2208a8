import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PiiCipher } from '../../common/pii-cipher';
import { WechatPayConfig } from '../../config/wechatpay.config';

/** The browser's half of the OAuth `state` (HttpOnly, ten minutes): a state from another browser does not match it. */
export const OAUTH_STATE_COOKIE = 'wn_wx_state';
/** The donor's openid for our AppID, sealed with the PII cipher (the browser holds ciphertext only). */
export const OPENID_COOKIE = 'wn_wx_openid';
const STATE_MAX_AGE_SECONDS = 600;
const OPENID_MAX_AGE_SECONDS = 24 * 3600;
const TIMEOUT_MS = 10_000;
/** Where the OAuth callback may send the browser back to: our own donor pages only. */
const NEXT_PATH = /^\/(donate\/[A-Za-z0-9_-]{1,64}|pay\/wechatpay\/[A-Za-z0-9_-]{1,64}\/jsapi)$/;

/** WeChat refused the code (40029 invalid, 40163 already used, 40125 bad secret…) or could not be reached. */
export class WechatOAuthError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
  }
}

/**
 * The silent OAuth (`snsapi_base`) of the official account whose AppID is WECHATPAY_APP_ID: gets the
 * donor's openid, which JSAPI payment needs. On only with WECHAT_APP_SECRET. The `state` is an HMAC
 * of a nonce kept in the browser's own HttpOnly cookie, so a callback carrying a state that this
 * browser was not given (CSRF, a forwarded link) is refused. The openid is personal data: it is
 * held sealed (PiiCipher) in the browser and in the ledger, and never logged.
 */
@Injectable()
export class WechatOAuthService {
  private readonly stateKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pii: PiiCipher,
  ) {
    this.stateKey = Buffer.from(hkdfSync('sha256', config.appSecret, 'wennuan', 'wechat-oauth-state/v1', 32));
  }

  isEnabled(): boolean {
    return this.config.wechatPay?.appSecret != null;
  }

  static isSafeNext(next: unknown): next is string {
    return typeof next === 'string' && NEXT_PATH.test(next);
  }

  /** Starts the OAuth: sets the state cookie and answers the redirect to WeChat's authorize page. */
  redirect(request: FastifyRequest, reply: FastifyReply, next: string): void {
    const cfg = this.settings();
    if (!WechatOAuthService.isSafeNext(next)) throw new Error('unsafe OAuth next path');
    const nonce = randomBytes(16).toString('base64url');
    void reply.setCookie(OAUTH_STATE_COOKIE, nonce, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: STATE_MAX_AGE_SECONDS,
    });
    // The page to return to is in the callback's path (no query of ours for WeChat to append to).
    const redirectUri = `${this.config.publicBaseUrl}${next}/wechat-oauth`;
    // The parameters in the order WeChat documents, and the #wechat_redirect fragment.
    const url =
      `${cfg.oauthBase}/connect/oauth2/authorize?appid=${encodeURIComponent(cfg.appId)}` +
      `&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=snsapi_base` +
      `&state=${this.state(nonce, next)}#wechat_redirect`;
    void reply.status(302).header('Location', url).header('Cache-Control', 'no-store').send();
  }

  /** Whether the callback's state is the one this browser was given for `next` (and forgets it: one use). */
  checkState(request: FastifyRequest, reply: FastifyReply, state: unknown, next: string): boolean {
    const nonce = request.cookies?.[OAUTH_STATE_COOKIE];
    void reply.clearCookie(OAUTH_STATE_COOKIE, { path: '/' });
    if (typeof nonce !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(nonce) || typeof state !== 'string' || !/^[0-9a-f]{40}$/.test(state)) return false;
    return timingSafeEqual(Buffer.from(this.state(nonce, next)), Buffer.from(state));
  }

  /** `code` → openid, server to server (`/sns/oauth2/access_token`). The answer is never logged. */
  async openidForCode(code: string): Promise<string> {
    const cfg = this.settings();
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(code)) throw new WechatOAuthError('malformed OAuth code');
    const url =
      `${cfg.snsApiBase}/sns/oauth2/access_token?appid=${encodeURIComponent(cfg.appId)}` +
      `&secret=${encodeURIComponent(cfg.appSecret)}&code=${encodeURIComponent(code)}&grant_type=authorization_code`;
    let answer: { openid?: unknown; errcode?: unknown; errmsg?: unknown; scope?: unknown };
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
      // WeChat answers JSON, sometimes labelled text/plain.
      answer = JSON.parse(await response.text()) as typeof answer;
    } catch (error) {
      throw new WechatOAuthError(`WeChat OAuth unreachable or unreadable: ${(error as Error).name}`);
    }
    if (typeof answer.errcode === 'number' && answer.errcode !== 0)
      throw new WechatOAuthError(`WeChat OAuth refused the code: ${answer.errcode}`, answer.errcode);
    if (typeof answer.openid !== 'string' || !/^[A-Za-z0-9_-]{6,64}$/.test(answer.openid)) throw new WechatOAuthError('WeChat OAuth answered without openid');
    return answer.openid;
  }

  /** Gives the browser its openid, sealed and bound to our AppID. */
  rememberOpenid(request: FastifyRequest, reply: FastifyReply, openid: string): void {
    void reply.setCookie(OPENID_COOKIE, this.pii.encrypt(`${this.settings().appId}:${openid}`), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: OPENID_MAX_AGE_SECONDS,
    });
  }

  forgetOpenid(reply: FastifyReply): void {
    void reply.clearCookie(OPENID_COOKIE, { path: '/' });
  }

  /** The openid this browser holds for the configured AppID, if any (a seal for another AppID is ignored). */
  openidOf(request: FastifyRequest): string | undefined {
    const sealed = request.cookies?.[OPENID_COOKIE];
    const cfg = this.config.wechatPay;
    if (!cfg || typeof sealed !== 'string' || sealed.length > 400) return undefined;
    let plain: string;
    try {
      plain = this.pii.decrypt(sealed);
    } catch {
      return undefined;
    }
    const prefix = `${cfg.appId}:`;
    return plain.startsWith(prefix) ? plain.slice(prefix.length) : undefined;
  }

  private state(nonce: string, next: string): string {
    // WeChat allows a-zA-Z0-9 in state, at most 128 bytes: 40 hex digits (160 bits).
    return createHmac('sha256', this.stateKey).update(`${nonce}|${next}`).digest('hex').slice(0, 40);
  }

  private settings(): WechatPayConfig & { appSecret: string } {
    const cfg = this.config.wechatPay;
    if (!cfg || !cfg.appSecret) throw new WechatOAuthError('WeChat OAuth is not configured (WECHAT_APP_SECRET)');
    return cfg as WechatPayConfig & { appSecret: string };
  }
}
