import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { cleanText } from '../common/text';
import { publicJobId } from '../jobs/job-id';
import { recordStaffJob } from '../jobs/staff-jobs';
import { OutboxService } from '../outbox/outbox.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { IMPORT_BANK_STATEMENT, ImportBankStatementJob, IMPORTS_QUEUE } from './bank-import-jobs';
import { BankTransferImportService } from './bank-transfer-import.service';
import { StatementReader } from './statement-reader';
import { StatementStorage } from './statement-storage';
import type { StatementUpload } from './statement-upload';

/**
 * Starts a statement import in the background: the file is stored, then the job and its audit
 * row are written in one transaction (the outbox hands the job to BullMQ after commit). The
 * browser only follows the job (GET /api/staff/jobs/:jobId); closing it loses nothing.
 */
@Injectable()
export class BankImportJobService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly storage: StatementStorage,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLogService,
    private readonly reader: StatementReader,
    private readonly importer: BankTransferImportService,
  ) {}

  async start(upload: StatementUpload, actor: StaffPrincipal): Promise<{ jobId: string }> {
    const campaign = await this.campaigns.findByCode(upload.campaignCode);
    const reading = await this.importer.readingFor(upload.mappingId);
    // A file that would be refused is refused now (413 STATEMENT_TOO_LARGE), not after it was queued.
    await this.reader.inspect(upload.file.bytes);
    const path = await this.storage.store(upload.file.bytes);
    const filename = (cleanText(upload.file.filename) ?? 'statement').slice(0, 200);
    const job: ImportBankStatementJob = {
      campaignCode: campaign.code,
      path,
      filename,
      mapping: reading.mapping && reading.columns ? { ...reading.mapping, columns: reading.columns } : null,
      actor: { id: actor.id, email: actor.email, role: actor.role, ip: actor.ip },
    };
    const jobId = await this.dataSource.transaction(async (manager) => {
      const id = publicJobId(IMPORTS_QUEUE, await this.outbox.add(manager, IMPORTS_QUEUE, IMPORT_BANK_STATEMENT, { ...job }));
      // The stored statement is deleted after STATEMENT_RETENTION_DAYS; this record and the donations stay.
      await recordStaffJob(manager, actor, {
        jobId: id,
        kind: 'import_statement',
        readableBy: ['finance'],
        params: { campaignCode: campaign.code, filename, ...(reading.mapping ? { mapping: reading.mapping.name } : {}) },
        filePath: path,
        fileName: filename,
      });
      await this.audit.record(manager, actor, {
        action: 'bank_transfer.import_job',
        entity: 'campaign',
        entityId: campaign.code,
        after: { jobId: id, filename, bytes: upload.file.bytes.length, mapping: reading.mapping ?? null },
      });
      return id;
    });
    this.outbox.flush();
    return { jobId };
  }
}
