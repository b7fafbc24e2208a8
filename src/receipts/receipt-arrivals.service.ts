import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { ArrivedTransfer, WaitingRequestsRepository } from './waiting-requests.repository';

/**
 * A bank transfer recorded after the receipt request that names it: the request, which found nothing
 * when it was made, is shown the transfer as its match (建议匹配) the moment it arrives, as if the
 * transfer had come first. Staff still approve it (no claim token, no automatic receipt).
 */
@Injectable()
export class ReceiptArrivalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly waiting: WaitingRequestsRepository,
    private readonly audit: AuditLogService,
  ) {}

  async transferArrived(transfer: ArrivedTransfer, orderNo: string, actor: StaffPrincipal): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.waiting.proposeArrived(manager, transfer);
      for (const id of ids) {
        await this.audit.record(manager, actor, {
          action: 'receipt_request.propose_arrived_transfer',
          entity: 'receipt_request',
          entityId: id,
          after: { orderNo, bankReference: transfer.bankReference, amountFen: transfer.amountFen },
        });
      }
      return ids;
    });
  }
}
