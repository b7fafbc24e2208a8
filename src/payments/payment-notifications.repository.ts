import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface NotificationRow {
  provider: string;
  headers: Record<string, string>;
  rawBody: string;
  bodySha256: string;
  bodyBytes: number;
  bodyTruncated: boolean;
  signatureValid: boolean;
  outcome: string;
  orderNo: string | null;
  transactionId: string | null;
}

/** The provider callback log (payment_notifications): written once per callback, never changed. */
@Injectable()
export class PaymentNotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row; inside `manager`'s transaction when given, else on its own. */
  async insert(row: NotificationRow, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource).query(
      `INSERT INTO payment_notifications
         (provider, headers, raw_body, body_sha256, body_bytes, body_truncated, signature_valid, outcome, order_no, transaction_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        row.provider,
        JSON.stringify(row.headers),
        row.rawBody,
        row.bodySha256,
        row.bodyBytes,
        row.bodyTruncated,
        row.signatureValid,
        row.outcome,
        row.orderNo,
        row.transactionId,
      ],
    );
  }
}
