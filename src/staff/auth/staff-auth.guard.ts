import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors';
import type { StaffRole } from '../staff-user.entity';
import { AuthService } from './auth.service';
import { ENROLMENT_KEY, PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import type { StaffPrincipal } from './staff-principal';

const READ_METHODS = new Set(['GET', 'HEAD']);
const STAFF_PREFIX = /^\/api\/staff(\/|$)/i;

/**
 * Applied to every route; acts on /api/staff/** (and routes marked with @Roles elsewhere).
 * Fails closed: a staff route that declares no roles is refused to everyone but admin.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { staff?: StaffPrincipal }>();
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    // Judge by the route that matched, not the raw URL: the router decodes the path, so
    // /api/%73taff/... reaches a staff route without its raw URL starting with /api/staff.
    const route = request.routeOptions?.url;
    const isStaffRoute = STAFF_PREFIX.test(route ?? '') || STAFF_PREFIX.test(request.url);
    if (!isStaffRoute && roles === undefined) return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;

    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError('UNAUTHENTICATED', '请先登录');
    const principal = await this.auth.authenticate(match[1], request.ip ?? null);
    request.staff = principal;
    if (principal.secondFactorPending && !this.reflector.getAllAndOverride<boolean>(ENROLMENT_KEY, [context.getHandler(), context.getClass()])) {
      throw new DomainError('TWO_FACTOR_ENROLMENT_REQUIRED', '请先在“账号安全”中绑定身份验证器（双重验证），再使用工作台');
    }

    if (principal.role === 'admin') return true;
    if (principal.role === 'auditor' && READ_METHODS.has(request.method)) return true;
    if (roles && roles.includes(principal.role)) return true;
    throw new DomainError('FORBIDDEN', '当前角色无权执行此操作');
  }
}
