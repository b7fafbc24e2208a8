import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../common/errors';
import { formatYuan } from '../../common/money';
import { parseTimestamp } from '../../common/text';
import { DonationLedgerService } from '../../donations/donation-ledger.service';
import { ProviderLedgerRepository } from '../reconciliation/provider-ledger.repository';
import { ReconciliationDifferencesService } from '../reconciliation/reconciliation-differences.service';
import { parseTradeBill, TradeBillLine } from './wechatpay-trade-bill';
import { WechatPayClient } from '../../payment-providers/wechatpay/wechatpay.client';

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
    private readonly orders: ProviderLedgerRepository,
    private readonly client: WechatPayClient,
    private readonly ledger: DonationLedgerService,
    private readonly differences: ReconciliationDifferencesService,
  ) {}

  async reconcile(options: { hours?: number; billDate?: string | null } = {}): Promise<ReconcileResult> {
    const hours = options.hours ?? 48;
    const rows = await this.orders.unpaidOrders('wechatpay', hours);
    const result: ReconcileResult = { checked: rows.length, recovered: [], mismatched: [], refundsSettled: [], refundsFailed: [], statement: null, errors: [] };
    for (const orderNo of rows) {
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
    for (const refundNo of await this.orders.processingRefunds('wechatpay')) {
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
    for (const p of await this.orders.paymentsOn('wechatpay', billDate)) {
      if (paidInBill.has(p.transactionId)) continue;
      await flag({
        provider: 'wechatpay',
        statementDate: billDate,
        kind: 'NOT_IN_STATEMENT',
        orderNo: p.orderNo,
        transactionId: p.transactionId,
        ledgerAmountFen: p.amountFen,
        detail: `账本记录的微信支付 ${p.transactionId}（${formatYuan(p.amountFen)} 元）不在微信 ${billDate} 的交易账单中`,
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
    const donation = await this.orders.order(line.orderNo);
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
      const ledgerAmountFen = donation.amountFen;
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
    const refundStatus = line.refundNo ? await this.orders.refundStatus(line.refundNo) : null;
    if (refundStatus === null) {
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
    if (refundStatus !== 'succeeded' && line.refundStatus === 'SUCCESS') {
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
