import { ApiProperty } from '@nestjs/swagger';
import { DateTimeProperty, UuidProperty } from '../../common/dto/view-properties';
import type { StaffUser } from '../staff-user.entity';
import { STAFF_ROLES } from '../staff-user.entity';
import type { StaffAccountRow } from '../staff-users.repository';

export const MIN_PASSWORD_LENGTH = 10;

/** A staff account as the API shows it (audit snapshots too): never a hash or a secret. */
export class StaffUserView {
  @UuidProperty()
  id: string;

  @ApiProperty({ example: 'finance@foundation.example' })
  email: string;

  @ApiProperty({ example: '王会计' })
  name: string;

  @ApiProperty({ enum: STAFF_ROLES })
  role: string;

  @ApiProperty()
  disabled: boolean;

  @ApiProperty({ description: 'a TOTP second factor is enrolled' })
  totpEnabled: boolean;

  @ApiProperty({ description: "some address is locked out of this account's sign-in now (an admin can unlock)" })
  locked: boolean;

  @DateTimeProperty()
  createdAt: string;
}

export class StaffUserListView {
  @ApiProperty({ type: () => [StaffUserView] })
  items: StaffUserView[];
}

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

/** The same view from the entity (creation, the list). */
export function staffUserViewOf(user: StaffUser, locked = false): StaffUserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    totpEnabled: user.totpEnabledAt !== null && user.totpEnabledAt !== undefined,
    locked,
    createdAt: user.createdAt.toISOString(),
  };
}
