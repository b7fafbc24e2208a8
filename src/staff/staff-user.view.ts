import type { StaffAccountRow } from './staff-users.repository';

export const MIN_PASSWORD_LENGTH = 10;

export interface StaffUserView {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  /** A TOTP second factor is enrolled. */
  totpEnabled: boolean;
  /** Some address is locked out of this account's sign-in now (an admin can unlock). */
  locked: boolean;
  createdAt: string;
}

/** A staff account as the API shows it (audit snapshots too): never a hash or a secret. */
export function toStaffUserView(row: StaffAccountRow, locked: boolean): StaffUserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    totpEnabled: row.totp_enabled_at !== null,
    locked,
    createdAt: row.created_at.toISOString(),
  };
}
