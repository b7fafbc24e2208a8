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

/** What a handler declares (its own decorators over its controller's), read once per handler. */
interface Access {
  controller: object;
  roles: StaffRole[] | undefined;
  isPublic: boolean;
  enrolment: boolean;
}

/**
 * Applied to every route; acts on /api/staff/** (and routes marked with @Roles elsewhere).
 * Fails closed: a staff route that declares no roles is refused to everyone but admin.
 * A public route is let through without a promise (the totals read is the hottest path).
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  private readonly access = new WeakMap<object, Access>(); // by handler

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { staff?: StaffPrincipal }>();
    const access = this.accessOf(context);
    // Judge by the route that matched, not the raw URL: the router decodes the path, so
    // /api/%73taff/... reaches a staff route without its raw URL starting with /api/staff.
    const route = request.routeOptions?.url;
    const isStaffRoute = STAFF_PREFIX.test(route ?? '') || STAFF_PREFIX.test(request.url);
    if (!isStaffRoute && access.roles === undefined) return true;
    if (access.isPublic) return true;
    return this.authorize(request, access);
  }

  private async authorize(request: FastifyRequest & { staff?: StaffPrincipal }, access: Access): Promise<boolean> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError('UNAUTHENTICATED', '请先登录');
    const principal = await this.auth.authenticate(match[1], request.ip ?? null);
    request.staff = principal;
    if (principal.secondFactorPending && !access.enrolment) {
      throw new DomainError('TWO_FACTOR_ENROLMENT_REQUIRED', '请先在“账号安全”中绑定身份验证器（双重验证），再使用工作台');
    }

    if (principal.role === 'admin') return true;
    if (principal.role === 'auditor' && READ_METHODS.has(request.method)) return true;
    if (access.roles && access.roles.includes(principal.role)) return true;
    throw new DomainError('FORBIDDEN', '当前角色无权执行此操作');
  }

  /** Decorators are fixed once the app starts: read them the first time a handler is reached. */
  private accessOf(context: ExecutionContext): Access {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byController = this.access.get(handler);
    if (byController?.controller !== controller) {
      const targets = [handler, controller];
      byController = {
        controller,
        roles: this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, targets),
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
        enrolment: this.reflector.getAllAndOverride<boolean>(ENROLMENT_KEY, targets) === true,
      };
      this.access.set(handler, byController);
    }
    return byController;
  }
}
