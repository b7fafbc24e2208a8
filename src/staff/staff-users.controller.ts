import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from './auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from './auth/staff-principal';
import { CreateStaffUserDto } from './dto/create-staff-user.dto';
import { StaffUsersService } from './staff-users.service';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/staff/users')
export class StaffUsersController {
  constructor(private readonly users: StaffUsersService) {}

  @Post()
  @Roles('admin')
  create(@Body() dto: CreateStaffUserDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.users.create(dto, staff);
  }

  @Get()
  @Roles('admin')
  list() {
    return this.users.list();
  }
}
