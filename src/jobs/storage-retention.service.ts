import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StorageDir } from '../common/storage-dir';
import { AuditLogService } from '../staff/audit/audit-log.service';
import { RETENTION_CONFIG, RetentionConfig } from './retention.config';
import { EXPORTS_FOLDER, STATEMENTS_FOLDER } from './retention-jobs';
import { StaffJobsRepository } from './staff-jobs.repository';

export interface RetentionResult {
  exportsDeleted: number;
  statementsDeleted: number;
}

const DAY_MS = 24 * 3600_000;

/**
 * Deletes files kept for staff once their time is up: export files past their expiry (or older than
 * EXPORT_RETENTION_DAYS), uploaded statements older than STATEMENT_RETENTION_DAYS. Only the files go:
 * the job records (staff_jobs, marked `file_deleted_at`), the imported donations and the audit log stay.
 * Files no record names (a write cut short, statements uploaded before staff_jobs existed) go by age.
 */
@Injectable()
export class StorageRetentionService {
  private readonly logger = new Logger(StorageRetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: StaffJobsRepository,
    @Inject(RETENTION_CONFIG) private readonly config: RetentionConfig,
    private readonly storage: StorageDir,
    private readonly audit: AuditLogService,
  ) {}

  async run(now = new Date()): Promise<RetentionResult> {
    const exportsGone = new Set(await this.jobs.expiredExportFiles(now));
    for (const file of await this.storage.files(EXPORTS_FOLDER)) {
      if (file.modifiedAt.getTime() <= now.getTime() - this.config.exportDays * DAY_MS) exportsGone.add(file.path);
    }
    const statementsGone = new Set<string>();
    for (const file of await this.storage.files(STATEMENTS_FOLDER)) {
      if (file.modifiedAt.getTime() <= now.getTime() - this.config.statementDays * DAY_MS) statementsGone.add(file.path);
    }
    const paths = [...exportsGone, ...statementsGone];
    for (const path of paths) await this.storage.remove(path);
    if (paths.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        await this.jobs.markFilesDeleted(manager, paths, now);
        await this.audit.record(manager, null, {
          action: 'storage.retention',
          entity: 'storage',
          after: {
            exportsDeleted: exportsGone.size,
            statementsDeleted: statementsGone.size,
            exportDays: this.config.exportDays,
            statementDays: this.config.statementDays,
          },
        });
      });
      this.logger.log(`Retention: deleted ${exportsGone.size} export file(s) and ${statementsGone.size} statement file(s)`);
    }
    return { exportsDeleted: exportsGone.size, statementsDeleted: statementsGone.size };
  }
}
