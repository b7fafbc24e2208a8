import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { publicJobId } from '../jobs/job-id';
import { recordStaffJob } from '../jobs/staff-jobs';
import { OutboxService } from '../outbox/outbox.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { APPROVE_JOB_MAX, StartApproveJobDto } from './dto/approve-job.dto';
import { APPROVALS_QUEUE, APPROVE_RECEIPT_REQUESTS, ApproveReceiptRequestsJob } from './receipt-jobs';
import { ReceiptRequestsRepository } from './receipt-requests.repository';

/**
 * Starts a mass approval in the background: the selection is fixed now (ids given, or the
 * campaign's matched requests waiting for review), then the job, its record and the audit row are
 * written in one transaction; the outbox hands the job to the `approvals` queue after commit.
 */
@Injectable()
export class ReceiptApprovalJobService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLogService,
    private readonly requests: ReceiptRequestsRepository,
  ) {}

  async start(selection: StartApproveJobDto, actor: StaffPrincipal): Promise<{ jobId: string; total: number }> {
    const { requestIds, campaignCode } = await this.select(selection);
    if (requestIds.length === 0) throw new DomainError('NOTHING_TO_APPROVE', '没有可批准的票据申请（需为待审核且已匹配到捐赠）');
    const job: ApproveReceiptRequestsJob = { requestIds, actor: { id: actor.id, email: actor.email, role: actor.role, ip: actor.ip } };
    const jobId = await this.dataSource.transaction(async (manager) => {
      const id = publicJobId(APPROVALS_QUEUE, await this.outbox.add(manager, APPROVALS_QUEUE, APPROVE_RECEIPT_REQUESTS, { ...job }));
      const params = { total: requestIds.length, campaignCode, selection: selection.requestIds ? 'ids' : 'filter' };
      await recordStaffJob(manager, actor, { jobId: id, kind: 'approve_receipts', readableBy: ['finance'], params });
      await this.audit.record(manager, actor, {
        action: 'receipt_request.approve_job',
        entity: 'receipt_request',
        entityId: id,
        after: { jobId: id, ...params },
      });
      return id;
    });
    this.outbox.flush();
    return { jobId, total: requestIds.length };
  }

  private async select(selection: StartApproveJobDto): Promise<{ requestIds: string[]; campaignCode: string | null }> {
    if (selection.requestIds && selection.campaignCode) throw new DomainError('VALIDATION_FAILED', '请只给出 requestIds 或 campaignCode 之一');
    if (selection.requestIds) return { requestIds: [...new Set(selection.requestIds.map((id) => id.toLowerCase()))], campaignCode: null };
    if (!selection.campaignCode) throw new DomainError('VALIDATION_FAILED', '请给出 requestIds，或 campaignCode（批准该活动全部已匹配的待审核申请）');
    const campaign = await this.campaigns.findByCode(selection.campaignCode);
    return { requestIds: await this.requests.approvableIds(campaign.id, APPROVE_JOB_MAX), campaignCode: campaign.code };
  }
}
