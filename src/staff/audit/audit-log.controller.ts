import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditLogView } from '../dto/audit-entry.view';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { AuditLogService } from './audit-log.service';

class AuditLogQuery {
  @IsOptional() @IsString() @MaxLength(64) entity?: string;
  @IsOptional() @IsString() @MaxLength(128) entityId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Matches(/^\d{1,18}$/) beforeId?: string;
}

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/staff/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  /** Every staff action: who, what, when, on which record (admin and auditor). */
  @Get()
  @Roles('auditor')
  @ApiOkResponse({ type: AuditLogView })
  list(@Query() query: AuditLogQuery): Promise<AuditLogView> {
    return this.audit.list({ entity: query.entity, entityId: query.entityId, limit: query.limit ?? 100, beforeId: query.beforeId });
  }
}
