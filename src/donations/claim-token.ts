import { Inject, Injectable, Module } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PiiCipher } from '../common/pii-cipher';

/** 32 bytes in base64url: 43 characters of [A-Za-z0-9_-]. */
const CLAIM_TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** How long the donor's browser keeps the claim cookie: long enough to ask for a receipt at tax time. */
const COOKIE_MAX_AGE_SECONDS = 180 * 24 * 3600;

/**
 * The secret that proves "this gift is mine" when asking for a receipt. Only whoever created the
 * order gets it (in the creation answer, and as an HttpOnly cookie); the ledger keeps only its keyed
 * hash. It is derived from the order number under a key of its own (HKDF of APP_SECRET), so an
 * idempotent replay of the same creation gives the creator the same token again without the token
 * ever being stored.
 */
@Injectable()
export class ClaimTokens {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly pii: PiiCipher,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.appSecret, 'wennuan', 'claim-token/v1', 32));
  }

  /** The token of an order (256 bits, URL-safe). */
  issue(orderNo: string): string {
    return createHmac('sha256', this.key).update(orderNo, 'utf8').digest('base64url');
  }

  /** What the ledger stores: a keyed hash (PII_INDEX_KEY), never the token itself. */
  hash(token: string): string {
    return this.pii.blindIndex(`claim:${token}`);
  }

  /** Whether `token` is the one whose hash the order keeps. */
  matches(token: string | undefined, storedHash: string | null): boolean {
    const given = this.hashOf(token);
    return given !== null && storedHash !== null && given.length === storedHash.length && timingSafeEqual(Buffer.from(given), Buffer.from(storedHash));
  }

  /** The stored hash for a token as given by a client, or null when it cannot be a token at all. */
  hashOf(token: unknown): string | null {
    return typeof token === 'string' && CLAIM_TOKEN.test(token) ? this.hash(token) : null;
  }
}

/** ClaimTokens for the features that issue (donations, pages) or check (receipts) them. */
@Module({ providers: [ClaimTokens], exports: [ClaimTokens] })
export class ClaimTokensModule {}

/** One cookie per order, so a browser that gave twice holds both tokens. */
export function claimCookieName(orderNo: string): string {
  return `wn_claim_${orderNo}`;
}

/**
 * Gives the creator's browser the token as an HttpOnly cookie: page scripts cannot read it, a link
 * never carries it, and SameSite=Lax keeps other sites' forms from sending it with a POST.
 */
export function setClaimCookie(request: FastifyRequest, reply: FastifyReply, orderNo: string, token: string): void {
  void reply.setCookie(claimCookieName(orderNo), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: COOKIE_MAX_AGE_SECONDS,
  });
}

/** The claim token the browser holds for an order, if any. */
export function claimTokenFromCookie(request: FastifyRequest, orderNo: string | null | undefined): string | undefined {
  if (!orderNo) return undefined;
  const value = request.cookies?.[claimCookieName(orderNo)];
  return typeof value === 'string' && CLAIM_TOKEN.test(value) ? value : undefined;
}
