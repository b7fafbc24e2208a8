import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { StaffUserListView, StaffUserView } from './dto/staff-user.view';
import { Roles } from './auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from './auth/staff-principal';
import { CreateStaffUserDto } from './dto/create-staff-user.dto';
import { ChangeRoleDto, ResetPasswordDto } from './dto/staff-account.dto';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffUsersService } from './staff-users.service';

const VIEW = '→ 200 { id, email, name, role, disabled, totpEnabled, locked, createdAt }; unknown id → 404 STAFF_USER_NOT_FOUND; audited';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/staff/users')
export class StaffUsersController {
  constructor(
    private readonly users: StaffUsersService,
    private readonly accounts: StaffAccountsService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a staff account (admin); 409 STAFF_EMAIL_TAKEN, 422 WEAK_PASSWORD' })
  @ApiCreatedResponse({ type: StaffUserView })
  @ApiErrors({ 409: 'STAFF_EMAIL_TAKEN', 422: 'WEAK_PASSWORD, INVALID_EMAIL' })
  create(@Body() dto: CreateStaffUserDto, @CurrentStaff() staff: StaffPrincipal): Promise<StaffUserView> {
    return this.users.create(dto, staff);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Staff accounts (admin, auditor): `locked` when some address is locked out of its sign-in, `totpEnabled` with a second factor' })
  @ApiOkResponse({ type: StaffUserListView })
  list(): Promise<StaffUserListView> {
    return this.users.list();
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: `Unlock sign-in (admin): every failure count of the account, from every address, starts again ${VIEW}` })
  @ApiOkResponse({ type: StaffUserView })
  @ApiErrors({ 404: 'STAFF_USER_NOT_FOUND' })
  unlock(@Param('id') id: string, @CurrentStaff() staff: StaffPrincipal): Promise<StaffUserView> {
    return this.accounts.unlock(id, staff);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: `Disable the account (admin): its sessions end at once; the last active admin → 409 LAST_ADMIN ${VIEW}` })
  @ApiOkResponse({ type: StaffUserView })
  @ApiErrors({ 404: 'STAFF_USER_NOT_FOUND' })
  disable(@Param('id') id: string, @CurrentStaff() staff: StaffPrincipal): Promise<StaffUserView> {
    return this.accounts.disable(id, staff);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: `Re-enable a disabled account (admin) ${VIEW}` })
  @ApiOkResponse({ type: StaffUserView })
  @ApiErrors({ 404: 'STAFF_USER_NOT_FOUND' })
  enable(@Param('id') id: string, @CurrentStaff() staff: StaffPrincipal): Promise<StaffUserView> {
    return this.accounts.enable(id, staff);
  }

  @Post(':id/password')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: `Set a new password (admin; at least 10 characters, else 422 WEAK_PASSWORD): sessions end, sign-in locks clear ${VIEW}` })
  @ApiOkResponse({ type: StaffUserView })
  @ApiErrors({ 404: 'STAFF_USER_NOT_FOUND' })
  resetPassword(@Param('id') id: string, @Body() dto: ResetPasswordDto, @CurrentStaff() staff: StaffPrincipal): Promise<StaffUserView> {
    return this.accounts.resetPassword(id, dto.password, staff);
  }

  @Post(':id/role')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: `Change the role (admin): sessions end; demoting the last active admin → 409 LAST_ADMIN ${VIEW}` })
  @ApiOkResponse({ type: StaffUserView })
  @ApiErrors({ 404: 'STAFF_USER_NOT_FOUND' })
  changeRole(@Param('id') id: string, @Body() dto: ChangeRoleDto, @CurrentStaff() staff: StaffPrincipal): Promise<StaffUserView> {
    return this.accounts.changeRole(id, dto.role, staff);
  }

  @Post(':id/totp/reset')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: `Remove a lost second factor (admin): sessions end; the owner enrols again at next sign-in ${VIEW}` })
  @ApiOkResponse({ type: StaffUserView })
  @ApiErrors({ 404: 'STAFF_USER_NOT_FOUND' })
  resetSecondFactor(@Param('id') id: string, @CurrentStaff() staff: StaffPrincipal): Promise<StaffUserView> {
    return this.accounts.resetSecondFactor(id, staff);
  }
}
