import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { JobListView, JobView } from './dto/job.view';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { JobsService } from './jobs.service';
import { STAFF_JOB_KINDS, StaffJobKind } from './staff-jobs';

class RecentJobsQuery {
  @ApiPropertyOptional({ enum: STAFF_JOB_KINDS }) @IsOptional() @IsIn(STAFF_JOB_KINDS) kind?: StaffJobKind;
  @ApiPropertyOptional({ description: 'false: every job the caller may follow, not only the ones the caller started (default true)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'false' ? false : value === 'true' ? true : value))
  @IsBoolean()
  mine?: boolean;
}

const JOB_VIEW =
  '{ jobId, kind, params, startedBy, state: waiting|active|completed|failed, progress: { done, total, failed? }, result?, failedReason?, file?: { url, filename, rows, bytes, expiresAt, available } }';

@ApiTags('staff: jobs')
@ApiBearerAuth()
@Controller('api/staff/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @Roles('finance', 'warehouse')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: `Recent background jobs (7 days, newest first), by default the caller's own, so a page can reattach to a job after a reload → { items: [${JOB_VIEW}] }`,
  })
  @ApiOkResponse({ type: JobListView })
  recent(@Query() query: RecentJobsQuery, @CurrentStaff() staff: StaffPrincipal): Promise<JobListView> {
    return this.jobs.recent(staff, query);
  }

  @Get(':jobId')
  @Roles('finance', 'warehouse')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: `A background job (statement import, mass approval, export) → ${JOB_VIEW}; unknown → 404 JOB_NOT_FOUND; a job of another role's work → 403`,
  })
  @ApiOkResponse({ type: JobView })
  @ApiErrors({ 404: 'JOB_NOT_FOUND' })
  status(@Param('jobId') jobId: string, @CurrentStaff() staff: StaffPrincipal): Promise<JobView> {
    return this.jobs.status(jobId, staff);
  }
}
