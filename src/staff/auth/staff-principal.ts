import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { StaffRole } from '../staff-user.entity';

/** Who is calling a staff route, set by StaffAuthGuard. */
export interface StaffPrincipal {
  id: string;
  email: string;
  role: StaffRole;
  ip: string | null;
  /** Signed in with a second factor (TOTP). */
  secondFactor?: boolean;
  /** STAFF_REQUIRE_2FA applies to this role and the session has no second factor: only enrolment is open. */
  secondFactorPending?: boolean;
}

export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffPrincipal => {
  return ctx.switchToHttp().getRequest<{ staff: StaffPrincipal }>().staff;
});
