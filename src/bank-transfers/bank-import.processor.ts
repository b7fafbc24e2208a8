import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QUEUE_WORKER_LOCK } from '../config/queue-lock';
import { Job, UnrecoverableError } from 'bullmq';
import { DomainError } from '../common/errors';
import { JobProgressReporter, ReportedJobReturn } from '../jobs/job-progress.reporter';
import { BankTransferImportService } from './bank-transfer-import.service';
import type { ImportResultView } from './dto/bank-transfer.view';
import { IMPORT_BANK_STATEMENT, ImportBankStatementJob, IMPORTS_QUEUE } from './bank-import-jobs';
import { StatementStorage } from './statement-storage';

/** The imports worker: runs an uploaded statement through the same import as the synchronous endpoint. */
@Processor(IMPORTS_QUEUE, QUEUE_WORKER_LOCK)
export class BankImportProcessor extends WorkerHost {
  constructor(
    private readonly importer: BankTransferImportService,
    private readonly storage: StatementStorage,
  ) {
    super();
  }

  async process(job: Job): Promise<ReportedJobReturn<ImportResultView>> {
    if (job.name !== IMPORT_BANK_STATEMENT) throw new UnrecoverableError(`No handler for job ${job.name}`);
    const data = job.data as ImportBankStatementJob;
    let bytes: Buffer;
    try {
      bytes = await this.storage.read(data.path);
    } catch {
      throw new UnrecoverableError('上传的银行流水文件已不存在，请重新上传');
    }
    const progress = new JobProgressReporter(job);
    try {
      const reading = data.mapping ? { columns: data.mapping.columns, mapping: { id: data.mapping.id, name: data.mapping.name } } : {};
      const result = await this.importer.import(
        data.campaignCode,
        { bytes, filename: data.filename },
        data.actor,
        (done, total) => progress.report(done, total),
        reading,
      );
      return { result, progressReports: await progress.flush() };
    } catch (error) {
      await progress.flush();
      // An unreadable file or a deleted campaign stays so: fail at once instead of retrying.
      if (error instanceof DomainError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
