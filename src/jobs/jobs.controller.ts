import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../staff/auth/roles.decorator';
import { JobsService } from './jobs.service';

@ApiTags('staff: jobs')
@ApiBearerAuth()
@Controller('api/staff/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':jobId')
  @Roles('finance')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A background job (e.g. a statement import) → { jobId, state: waiting|active|completed|failed, progress: { done, total }, result?, failedReason? }; unknown → 404 JOB_NOT_FOUND' })
  status(@Param('jobId') jobId: string) {
    return this.jobs.status(jobId);
  }
}
