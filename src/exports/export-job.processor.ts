import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DomainError } from '../common/errors';
import { StorageDir } from '../common/storage-dir';
import { parsePublicJobId, publicJobId } from '../jobs/job-id';
import { JobProgressReporter, ReportedJobReturn } from '../jobs/job-progress.reporter';
import { RETENTION_CONFIG, RetentionConfig } from '../jobs/retention.config';
import { EXPORTS_FOLDER } from '../jobs/retention-jobs';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { EXPORTS_QUEUE, WRITE_EXPORT, WriteExportJob } from './export-jobs';
import { ExportJobsRepository } from './export-jobs.repository';
import { ExportsService } from './exports.service';

export interface ExportJobResult {
  kind: string;
  format: string;
  rows: number;
  bytes: number;
  filename: string;
  expiresAt: string;
}

// The worker's own principal for the checks in ExportsService.select: the starter was checked at start.
const WORKER: StaffPrincipal = { id: '00000000-0000-0000-0000-000000000000', email: 'export-worker', role: 'admin', ip: null };

/** The exports worker: writes the file to STORAGE_DIR/exports/<jobId>.<format> and records it for download. */
@Processor(EXPORTS_QUEUE)
export class ExportJobProcessor extends WorkerHost {
  constructor(
    private readonly jobs: ExportJobsRepository,
    @Inject(RETENTION_CONFIG) private readonly retention: RetentionConfig,
    private readonly exports: ExportsService,
    private readonly storage: StorageDir,
  ) {
    super();
  }

  async process(job: Job): Promise<ReportedJobReturn<ExportJobResult>> {
    if (job.name !== WRITE_EXPORT) throw new UnrecoverableError(`No handler for job ${job.name}`);
    const data = job.data as WriteExportJob;
    const jobId = publicJobId(EXPORTS_QUEUE, String(job.id).replace(/^outbox-/, ''));
    if (!parsePublicJobId(jobId)) throw new UnrecoverableError(`Job ${job.id} was not handed over by the outbox`);
    const progress = new JobProgressReporter(job);
    try {
      const selection = await this.exports.select(
        { kind: data.kind, format: data.format, campaignCode: data.campaignCode ?? undefined, status: data.status ?? undefined },
        WORKER,
      );
      const total = await this.exports.count(selection);
      progress.report(0, total);
      let rows = 0;
      const body = this.exports.body(selection, (n) => {
        rows = n;
        progress.report(n, Math.max(total, n));
      });
      // Same path on every run: a retry replaces the file whole (written to a temp file, then renamed).
      const path = `${EXPORTS_FOLDER}/${jobId}.${data.format}`;
      const bytes = await this.storage.writeStream(path, body, { mode: 0o600 });
      progress.report(rows, rows);
      const filename = this.exports.filename(selection);
      const fileExpiresAt = await this.jobs.recordFile(jobId, { path, name: filename, rows, bytes }, this.retention.exportDays);
      if (!fileExpiresAt) throw new UnrecoverableError(`No staff job ${jobId}`);
      const expiresAt = fileExpiresAt.toISOString();
      return { result: { kind: data.kind, format: data.format, rows, bytes, filename, expiresAt }, progressReports: await progress.flush() };
    } catch (error) {
      await progress.flush();
      // A campaign that no longer exists stays so: fail at once instead of retrying.
      if (error instanceof DomainError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
