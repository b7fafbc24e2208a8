import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { StaffUsersRepository } from '../staff/staff-users.repository';
import type { StaffPrincipal } from '../staff/auth/staff-principal';

export const BOARD_PATH = '/staff/queues';
export const BOARD_COOKIE = 'wennuan_queue_board';
/** A board session is short: long enough to look around, then the admin asks again. */
export const BOARD_SESSION_SECONDS = 15 * 60;
const AUDIENCE = 'wennuan:queue-board';

interface BoardSessionClaims {
  sub: string;
  ver: number;
}

/**
 * A browser cannot send a bearer token when it navigates, so an admin trades the token for a
 * cookie that only the board's path receives: HttpOnly, SameSite=Strict, signed with a key of its
 * own (derived from APP_SECRET), bound to the staff user and the token version of their sign-in,
 * so signing out (which bumps the version) ends the board session too.
 */
@Injectable()
export class QueueBoardSessions {
  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: StaffUsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The Set-Cookie value for an admin who has just proved their bearer token. */
  async open(staff: StaffPrincipal): Promise<{ cookie: string; expiresIn: number }> {
    const user = await this.accounts.getById(staff.id);
    const claims: BoardSessionClaims = { sub: user.id, ver: user.tokenVersion };
    const token = await this.jwt.signAsync(claims, { expiresIn: BOARD_SESSION_SECONDS, audience: AUDIENCE });
    const secure = this.config.publicBaseUrl.startsWith('https:') ? '; Secure' : '';
    return {
      cookie: `${BOARD_COOKIE}=${token}; Path=${BOARD_PATH}; Max-Age=${BOARD_SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure}`,
      expiresIn: BOARD_SESSION_SECONDS,
    };
  }

  /** The cookie that ends the session in this browser. */
  closed(): string {
    return `${BOARD_COOKIE}=; Path=${BOARD_PATH}; Max-Age=0; HttpOnly; SameSite=Strict`;
  }

  /** Throws UNAUTHENTICATED (no, forged, expired or signed-out session) or FORBIDDEN (no longer admin). */
  async check(cookieHeader: string | undefined): Promise<void> {
    const token = readCookie(cookieHeader, BOARD_COOKIE);
    if (!token) throw new DomainError('UNAUTHENTICATED', '请先在工作台以管理员身份打开队列面板');
    let claims: BoardSessionClaims;
    try {
      claims = await this.jwt.verifyAsync<BoardSessionClaims>(token, { algorithms: ['HS256'], audience: AUDIENCE });
    } catch {
      throw new DomainError('UNAUTHENTICATED', '队列面板会话已失效，请重新打开');
    }
    const user = await this.accounts.findById(claims.sub);
    if (!user || user.disabled || user.tokenVersion !== claims.ver) throw new DomainError('UNAUTHENTICATED', '队列面板会话已失效，请重新打开');
    if (user.role !== 'admin') throw new DomainError('FORBIDDEN', '只有管理员可以查看队列面板');
  }
}

/** The value of one cookie; ours is a JWT (base64url and dots), so it needs no decoding. */
function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}
