import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors';
import { StorageDir } from '../common/storage-dir';
import { publicJobId } from '../jobs/job-id';
import { assertMayRead, recordStaffJob } from '../jobs/staff-jobs';
import { OutboxService } from '../outbox/outbox.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { CONTENT_TYPES, ExportFormat } from './export-file.writer';
import { EXPORT_READERS, EXPORTS_QUEUE, WRITE_EXPORT, WriteExportJob } from './export-jobs';
import { ExportJobsRepository } from './export-jobs.repository';
import { ExportRequest, ExportsService } from './exports.service';

/**
 * Exports as background jobs: started here (job, record and audit row in one transaction; the
 * outbox hands the job to the `exports` queue), written by ExportJobProcessor under
 * STORAGE_DIR/exports, downloaded here by the roles that may see that kind, until they expire.
 */
@Injectable()
export class ExportJobService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: ExportJobsRepository,
    private readonly exports: ExportsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLogService,
    private readonly storage: StorageDir,
  ) {}

  async start(request: ExportRequest, actor: StaffPrincipal): Promise<{ jobId: string }> {
    const selection = await this.exports.select(request, actor);
    const job: WriteExportJob = { kind: selection.kind, format: selection.format, campaignCode: selection.campaign?.code ?? null, status: selection.status };
    const jobId = await this.dataSource.transaction(async (manager) => {
      const id = publicJobId(EXPORTS_QUEUE, await this.outbox.add(manager, EXPORTS_QUEUE, WRITE_EXPORT, { ...job }));
      await recordStaffJob(manager, actor, { jobId: id, kind: 'export', readableBy: EXPORT_READERS[selection.kind], params: { ...job } });
      await this.audit.record(manager, actor, { action: 'export.job', entity: 'export', entityId: id, after: { jobId: id, ...job } });
      return id;
    });
    this.outbox.flush();
    return { jobId };
  }

  /** The written file, for a role that may see its kind; every download is audited. */
  async download(jobId: string, viewer: StaffPrincipal): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
    const row = await this.jobs.find(jobId);
    if (!row) throw new DomainError('JOB_NOT_FOUND', '没有找到该导出任务');
    assertMayRead(viewer, row.readable_by);
    if (!row.file_written_at || !row.file_path || !row.file_name) throw new DomainError('EXPORT_NOT_READY', '导出文件尚未生成，请稍候');
    if (row.file_deleted_at || (row.file_expires_at && row.file_expires_at.getTime() <= Date.now())) throw expired();
    let bytes: Buffer;
    try {
      bytes = await this.storage.read(row.file_path);
    } catch {
      throw expired();
    }
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, viewer, {
        action: 'export.download',
        entity: 'export',
        entityId: jobId,
        after: { file: row.file_name, kind: row.params.kind ?? null, bytes: bytes.length },
      }),
    );
    const format: ExportFormat = row.params.format === 'xlsx' ? 'xlsx' : 'csv';
    return { filename: row.file_name, contentType: CONTENT_TYPES[format], bytes };
  }
}

function expired(): DomainError {
  return new DomainError('EXPORT_EXPIRED', '导出文件已过保存期限并被删除，请重新导出');
}
