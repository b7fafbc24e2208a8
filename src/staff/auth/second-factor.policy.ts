import type { StaffRole } from '../staff-user.entity';

/**
 * Roles that can see personal data in clear: admin (everything) and finance, the only role given
 * POST /api/staff/receipt-requests/:id/reveal (ID numbers, phones, addresses, e-mails). With
 * STAFF_REQUIRE_2FA=true these sign in with a TOTP code; the others may enrol if they wish.
 */
export const SECOND_FACTOR_ROLES: readonly StaffRole[] = ['admin', 'finance'];

export function secondFactorRequired(role: StaffRole, requireSecondFactor: boolean): boolean {
  return requireSecondFactor && SECOND_FACTOR_ROLES.includes(role);
}
