import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { FOLLOWED_QUEUES, JobsService } from './jobs.service';

/** GET /api/staff/jobs/:jobId: staff follow background jobs (progress, result) from any page. */
@Module({
  imports: FOLLOWED_QUEUES.map((name) => BullModule.registerQueue({ name })),
  controllers: [JobsController],
  providers: [JobsService],
})
export class JobsModule {}
