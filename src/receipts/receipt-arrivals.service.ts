import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { WaitingRequestsRepository } from './waiting-requests.repository';

/**
 * Bank transfers recorded after the receipt requests that name them: a request, which found nothing
 * when it was made, is shown the transfer as its match (建议匹配) the moment it arrives, as if the
 * transfer had come first. Staff still approve it (no claim token, no automatic receipt). A statement
 * import asks once for all its transfers.
 */
@Injectable()
export class ReceiptArrivalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly waiting: WaitingRequestsRepository,
    private readonly audit: AuditLogService,
  ) {}

  /** The paid transfers of these bank references in the campaign; returns the ids of the requests proposed one. */
  async transfersArrived(campaignId: string, bankReferences: string[], actor: StaffPrincipal): Promise<string[]> {
    if (bankReferences.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      const proposed = await this.waiting.proposeArrived(manager, campaignId, bankReferences);
      for (const p of proposed) {
        await this.audit.record(manager, actor, {
          action: 'receipt_request.propose_arrived_transfer',
          entity: 'receipt_request',
          entityId: p.requestId,
          after: { orderNo: p.orderNo, bankReference: p.bankReference, amountFen: p.amountFen },
        });
      }
      return proposed.map((p) => p.requestId);
    });
  }
}
