import { SetMetadata } from '@nestjs/common';
import type { StaffRole } from '../staff-user.entity';

export const ROLES_KEY = 'wennuan:roles';
export const PUBLIC_KEY = 'wennuan:public';

/**
 * Roles allowed to call a staff route, besides admin (always allowed). Auditors may call any
 * staff route that only reads (GET); they never change data. A staff route without @Roles is refused.
 */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

/** Marks a route under /api/staff that needs no sign-in (none today; kept explicit on purpose). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const ENROLMENT_KEY = 'wennuan:second-factor-enrolment';

/**
 * Open to a session that still has to enrol a second factor (STAFF_REQUIRE_2FA): who am I, sign
 * out, and the enrolment itself. Every other staff route answers it 403 TWO_FACTOR_ENROLMENT_REQUIRED.
 */
export const OpenDuringEnrolment = () => SetMetadata(ENROLMENT_KEY, true);
