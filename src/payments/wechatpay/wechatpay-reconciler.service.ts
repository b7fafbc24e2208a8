import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors';
import { formatYuan } from '../../common/money';
import { parseTimestamp } from '../../common/text';
import { DonationLedgerService } from '../../donations/donation-ledger.service';
import { toSafeInteger } from '../../database/fen.transformer';
import { ReconciliationDifferencesService } from '../reconciliation/reconciliation-differences.service';
import { parseTradeBill, TradeBillLine } from './wechatpay-trade-bill';
import { WechatPayClient } from './wechatpay.client';

export interface StatementResult {
  billDate: string;
  lines: number;
  recovered: string[]; // paid in the bill, pending in the ledger: now paid
  differences: number; // new differences recorded for staff
}

export interface ReconcileResult {
  checked: number;
  recovered: string[]; // paid at WeChat, notification never arrived: now paid in the ledger
  mismatched: string[]; // paid at WeChat with another amount: flagged for staff
  refundsSettled: string[]; // refunds WeChat reports done whose notification never arrived
  refundsFailed: string[];
  statement: StatementResult | null;
  errors: string[];
}

/** The Beijing calendar day of an instant, `YYYY-MM-DD`, as WeChat names bills. */
export function beijingDay(at = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Yesterday in Beijing: the latest bill WeChat has (bills are ready from 10:00 the next day). */
export function previousBeijingDay(now = new Date()): string {
  return beijingDay(new Date(now.getTime() - 86_400_000));
}

/**
 * Recovers lost notifications and lists every difference with WeChat: asks about every WeChat order
 * still unpaid in the ledger from the last `hours` and every refund still processing; then reads the
 * day's trade bill and compares it line by line with the ledger. Payments go through the ledger's
 * one path (idempotent), so running this twice changes nothing more.
 */
@Injectable()
export class WechatPayReconcilerService {
  private readonly logger = new Logger(WechatPayReconcilerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly client: WechatPayClient,
    private readonly ledger: DonationLedgerService,
    private readonly differences: ReconciliationDifferencesService,
  ) {}

  async reconcile(options: { hours?: number; billDate?: string | null } = {}): Promise<ReconcileResult> {
    const hours = options.hours ?? 48;
    const rows: { order_no: string }[] = await this.dataSource.query(
      `SELECT order_no FROM donations WHERE channel = 'wechatpay' AND status IN ('pending', 'failed') AND created_at > now() - make_interval(hours => $1) ORDER BY created_at`,
      [hours],
    );
    const result: ReconcileResult = { checked: rows.length, recovered: [], mismatched: [], refundsSettled: [], refundsFailed: [], statement: null, errors: [] };
    for (const { order_no: orderNo } of rows) {
      try {
        const tx = await this.client.queryOrder(orderNo);
        if (!tx || tx.trade_state !== 'SUCCESS' || !tx.transaction_id || !tx.amount) continue;
        const paidAt = parseTimestamp(tx.success_time) ?? new Date();
        await this.ledger.confirmPayment({ provider: 'wechatpay', orderNo, transactionId: tx.transaction_id, amountFen: tx.amount.total, paidAt });
        result.recovered.push(orderNo);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'AMOUNT_MISMATCH') result.mismatched.push(orderNo);
        else result.errors.push(`${orderNo}: ${(error as Error).message}`);
      }
    }
    await this.refunds(result);
    const billDate = options.billDate === undefined ? previousBeijingDay() : options.billDate;
    if (billDate) {
      try {
        result.statement = await this.statement(billDate);
      } catch (error) {
        result.errors.push(`trade bill ${billDate}: ${(error as Error).message}`);
      }
    }
    const found =
      result.recovered.length +
      result.mismatched.length +
      result.refundsSettled.length +
      (result.statement?.differences ?? 0) +
      (result.statement?.recovered.length ?? 0);
    if (found > 0 || result.errors.length > 0) {
      this.logger.warn(
        {
          recovered: result.recovered.length,
          mismatched: result.mismatched.length,
          refundsSettled: result.refundsSettled.length,
          statement: result.statement,
          errors: result.errors.length,
        },
        'WeChat Pay reconciliation found differences',
      );
    }
    return result;
  }

  /** Refunds WeChat was asked for whose outcome never arrived. */
  private async refunds(result: ReconcileResult): Promise<void> {
    const rows: { refund_no: string }[] = await this.dataSource.query(
      `SELECT refund_no FROM refunds WHERE provider = 'wechatpay' AND status = 'processing' ORDER BY created_at`,
    );
    for (const { refund_no: refundNo } of rows) {
      try {
        const refund = await this.client.queryRefund(refundNo);
        if (refund?.status === 'SUCCESS') {
          await this.ledger.settleRefund({
            refundNo,
            providerRefundId: refund.refund_id,
            succeededAt: parseTimestamp(refund.success_time) ?? new Date(),
            actor: null,
            source: 'wechatpay query',
          });
          result.refundsSettled.push(refundNo);
        } else if (refund?.status === 'CLOSED' || refund?.status === 'ABNORMAL') {
          await this.ledger.failRefund(refundNo, `WeChat Pay refund ${refund.status}`, null);
          result.refundsFailed.push(refundNo);
        }
      } catch (error) {
        result.errors.push(`refund ${refundNo}: ${(error as Error).message}`);
      }
    }
  }

  /** One day's trade bill against the ledger. */
  async statement(billDate: string): Promise<StatementResult> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(billDate)) throw new DomainError('INVALID_DATE', '对账日期须为 YYYY-MM-DD');
    const lines = parseTradeBill(await this.client.downloadTradeBill(billDate));
    const out: StatementResult = { billDate, lines: lines.length, recovered: [], differences: 0 };
    const flag = async (d: Parameters<ReconciliationDifferencesService['record']>[0]) => {
      if (await this.differences.record(d)) out.differences += 1;
    };
    const paidInBill = new Set<string>();
    for (const line of lines) {
      if (line.tradeState === 'REFUND') await this.refundLine(line, billDate, flag);
      else if (line.tradeState === 'SUCCESS') {
        paidInBill.add(line.transactionId);
        await this.paymentLine(line, billDate, out, flag);
      }
    }
    // Paid in the ledger through WeChat that day, but absent from WeChat's own bill.
    const ours: { order_no: string; transaction_id: string; amount_fen: string }[] = await this.dataSource.query(
      `SELECT d.order_no, p.transaction_id, p.amount_fen FROM payments p JOIN donations d ON d.id = p.donation_id
        WHERE p.provider = 'wechatpay' AND (p.paid_at AT TIME ZONE 'Asia/Shanghai')::date = $1::date`,
      [billDate],
    );
    for (const p of ours) {
      if (paidInBill.has(p.transaction_id)) continue;
      await flag({
        provider: 'wechatpay',
        statementDate: billDate,
        kind: 'NOT_IN_STATEMENT',
        orderNo: p.order_no,
        transactionId: p.transaction_id,
        ledgerAmountFen: toSafeInteger(p.amount_fen),
        detail: `账本记录的微信支付 ${p.transaction_id}（${formatYuan(toSafeInteger(p.amount_fen))} 元）不在微信 ${billDate} 的交易账单中`,
      });
    }
    return out;
  }

  private async paymentLine(
    line: TradeBillLine,
    billDate: string,
    out: StatementResult,
    flag: (d: Parameters<ReconciliationDifferencesService['record']>[0]) => Promise<void>,
  ): Promise<void> {
    const [donation]: { status: string; amount_fen: string }[] = await this.dataSource.query(`SELECT status, amount_fen FROM donations WHERE order_no = $1`, [
      line.orderNo,
    ]);
    const base = {
      provider: 'wechatpay',
      statementDate: billDate,
      orderNo: line.orderNo,
      transactionId: line.transactionId,
      providerAmountFen: line.amountFen,
    };
    if (!donation) {
      await flag({
        ...base,
        kind: 'UNKNOWN_ORDER',
        detail: `微信账单中有一笔 ${formatYuan(line.amountFen)} 元的付款（商户订单号 ${line.orderNo}），账本中没有这笔订单`,
      });
      return;
    }
    try {
      const outcome = await this.ledger.confirmPayment({
        provider: 'wechatpay',
        orderNo: line.orderNo,
        transactionId: line.transactionId,
        amountFen: line.amountFen,
        paidAt: line.tradeTime,
      });
      if (outcome === 'PAID') out.recovered.push(line.orderNo);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'AMOUNT_MISMATCH')) throw error;
      const ledgerAmountFen = toSafeInteger(donation.amount_fen);
      await flag({
        ...base,
        kind: 'AMOUNT_MISMATCH',
        ledgerAmountFen,
        detail: `微信账单金额 ${formatYuan(line.amountFen)} 元，账本订单金额 ${formatYuan(ledgerAmountFen)} 元`,
      });
    }
  }

  private async refundLine(
    line: TradeBillLine,
    billDate: string,
    flag: (d: Parameters<ReconciliationDifferencesService['record']>[0]) => Promise<void>,
  ): Promise<void> {
    const [refund]: { status: string }[] = line.refundNo ? await this.dataSource.query(`SELECT status FROM refunds WHERE refund_no = $1`, [line.refundNo]) : [];
    if (!refund) {
      await flag({
        provider: 'wechatpay',
        statementDate: billDate,
        kind: 'UNKNOWN_REFUND',
        orderNo: line.orderNo,
        transactionId: line.refundId ?? line.transactionId,
        providerAmountFen: line.refundFen,
        detail: `微信账单中有一笔 ${formatYuan(line.refundFen)} 元的退款（商户退款单号 ${line.refundNo ?? '无'}），账本中没有这笔退款`,
      });
      return;
    }
    if (refund.status !== 'succeeded' && line.refundStatus === 'SUCCESS') {
      await this.ledger.settleRefund({
        refundNo: line.refundNo!,
        providerRefundId: line.refundId,
        succeededAt: line.tradeTime,
        actor: null,
        source: 'wechatpay trade bill',
      });
    }
  }
}
