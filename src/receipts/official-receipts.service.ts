import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, isUniqueViolation } from '../common/errors';
import { formatYuanDisplay, toChineseCapitals } from '../common/money';
import { StorageDir } from '../common/storage-dir';
import { OutboxService } from '../outbox/outbox.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { NewOfficialReceipt, OfficialReceiptRow, OfficialReceiptsRepository, ReceiptBookRow } from './official-receipts.repository';
import { toOfficialReceiptView } from './dto/receipt.view';
import {
  ReceiptBookListView,
  ReceiptBookReportView,
  ReceiptBookView,
  ReceiptDeclineListView,
  ReceiptFormView,
  ReceiptOfficialView,
  RegisteredReceiptBookView,
  toReceiptBookEntryView,
  toReceiptBookView,
  toReceiptDeclineRowView,
  toReceiptFormGiftView,
  toRegisteredReceiptBookView,
} from './dto/official-receipt.view';
import { ISSUE_FISCAL, IssueFiscalJob, RECEIPTS_QUEUE, RENDER_OFFICIAL, RenderOfficialJob } from './receipt-jobs';
import { formatShanghaiDate } from './pdf/receipt-pdf.renderer';
import { ReceiptRequestsRepository } from './receipt-requests.repository';
import { ReceiptSourcesRepository } from './receipt-sources.repository';
import { ReceiptsRepository } from './receipts.repository';
import { Receipt } from './receipt.entity';
import { receiptFund, receiptOrderNo, receiptProjectCode, receiptProjectName } from './receipt-project.repository';
import { ReceiptGiftsRepository } from './receipt-gifts.repository';
import { AUTO_REVIEWER } from './receipt-issuer.service';

const RECEIPT_NO = /^[A-Z]{2,8}-\d{4}-\d{8}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const OFFICIAL_CODE = /^\d{8}$/;
export const OFFICIAL_NUMBER = /^\d{10}$/;
export const MAX_BOOK_NUMBERS = 10_000;
const FILE_MAX_BYTES = 5 * 1024 * 1024;

/** The type of the platform's file by its content: a PDF, or an OFD (a zip package holding OFD.xml). */
export function sniffOfficialFile(bytes: Buffer): { type: string; ext: string } | null {
  if (bytes.length > 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { type: 'application/pdf', ext: 'pdf' };
  if (bytes.length > 30 && bytes.readUInt32LE(0) === 0x04034b50 && bytes.includes(Buffer.from('OFD.xml', 'latin1')))
    return { type: 'application/ofd', ext: 'ofd' };
  return null;
}

export interface AttachFiscal {
  code: string;
  number: string;
  checkCode: string;
  issuedAt: Date;
  file: Buffer | null;
}

/**
 * Official receipts (公益事业捐赠票据) attached to receipt records: paper receipt books and their
 * numbers, fiscal receipts entered by staff or answered by the platform. Every change runs in one
 * transaction with the receipt (and the book) locked, is audited, and hands the PDF to be
 * rendered again (now a 捐赠票据) through the outbox.
 */
@Injectable()
export class OfficialReceiptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: OfficialReceiptsRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLogService,
    private readonly files: StorageDir,
    private readonly gifts: ReceiptGiftsRepository,
    private readonly receipts: ReceiptsRepository,
    private readonly requests: ReceiptRequestsRepository,
    private readonly sources: ReceiptSourcesRepository,
  ) {}

  official(receiptId: string, manager: EntityManager = this.dataSource.manager): Promise<OfficialReceiptRow | null> {
    return this.repo.officialOf(manager, receiptId);
  }

  // ----- paper receipt books -----

  async registerBook(input: { code: string; firstNumber: string; lastNumber: string }, actor: StaffPrincipal): Promise<RegisteredReceiptBookView> {
    const { code, firstNumber, lastNumber } = input;
    if (firstNumber > lastNumber) throw new DomainError('INVALID_RECEIPT_BOOK', '起始号码不能大于终止号码');
    if (BigInt(lastNumber) - BigInt(firstNumber) + 1n > BigInt(MAX_BOOK_NUMBERS)) {
      throw new DomainError('INVALID_RECEIPT_BOOK', `一本票据最多 ${MAX_BOOK_NUMBERS} 个号码`);
    }
    const book = await this.dataSource.transaction(async (manager) => {
      await this.repo.lockBookCode(manager, code);
      const overlap = await this.repo.overlappingBook(manager, code, firstNumber, lastNumber);
      if (overlap) {
        throw new DomainError('RECEIPT_BOOK_OVERLAP', `票据代码 ${code} 的号码段与已登记的 ${overlap.first_number}–${overlap.last_number} 重叠`, {
          bookId: overlap.id,
        });
      }
      const created = await this.repo.insertBook(manager, code, firstNumber, lastNumber, actor.id);
      await this.repo.insertBookNumbers(manager, created);
      await this.audit.record(manager, actor, {
        action: 'receipt-book.register',
        entity: 'receipt-book',
        entityId: created.id,
        after: { code, firstNumber, lastNumber },
      });
      return created;
    });
    return toRegisteredReceiptBookView(book);
  }

  async listBooks(): Promise<ReceiptBookListView> {
    const books = await this.repo.books(this.dataSource.manager);
    const items = [];
    for (const book of books) items.push(await this.bookSummary(this.dataSource.manager, book));
    return { items };
  }

  /** The book report: counts (used + spoiled + unused = size), every used or spoiled number, and the unused ranges. */
  async bookReport(id: string): Promise<ReceiptBookReportView> {
    const manager = this.dataSource.manager;
    const book = await this.findBook(manager, id);
    const summary = await this.bookSummary(manager, book);
    const entries = await this.repo.entries(manager, book.id);
    return {
      ...summary,
      entries: entries.map(toReceiptBookEntryView),
      unusedRanges: unusedRanges(
        book,
        entries.map((e) => e.number),
      ),
    };
  }

  async spoil(id: string, number: string, reason: string, actor: StaffPrincipal) {
    await this.dataSource.transaction(async (manager) => {
      const book = await this.findBook(manager, id, 'share');
      this.checkInBook(book, number);
      if (book.status === 'closed') throw new DomainError('RECEIPT_BOOK_CLOSED', '该票据本已核销，不能再登记');
      if ((await this.repo.lockNumber(manager, book.id, number)) !== 'unused') throw numberUsed(number);
      await this.repo.recordNumber(manager, { bookId: book.id, number, state: 'spoiled', officialReceiptId: null, reason, recordedBy: actor.id });
      await this.audit.record(manager, actor, { action: 'receipt-book.spoil', entity: 'receipt-book', entityId: book.id, after: { number, reason } });
    });
    return this.bookSummary(this.dataSource.manager, await this.findBook(this.dataSource.manager, id));
  }

  /** 核旧: a book is closed only when every number is used or spoiled. */
  async closeBook(id: string, actor: StaffPrincipal) {
    await this.dataSource.transaction(async (manager) => {
      const book = await this.findBook(manager, id, 'update');
      if (book.status === 'closed') return;
      const summary = await this.bookSummary(manager, book);
      if (summary.unused > 0) {
        throw new DomainError('RECEIPT_BOOK_HAS_UNUSED', `该票据本还有 ${summary.unused} 个号码未使用也未作废，不能核销`, { unused: summary.unused });
      }
      await this.repo.closeBook(manager, book.id, actor.id);
      await this.audit.record(manager, actor, {
        action: 'receipt-book.close',
        entity: 'receipt-book',
        entityId: book.id,
        before: { status: 'open' },
        after: { status: 'closed', used: summary.used, spoiled: summary.spoiled },
      });
    });
    return this.bookSummary(this.dataSource.manager, await this.findBook(this.dataSource.manager, id));
  }

  /**
   * Attaches a paper number to a receipt: the given number, or the book's lowest unused one. The
   * book row is locked, so concurrent attachments to one book take different numbers. The same
   * request twice (a double click) answers the attachment already made.
   */
  async attachPaper(receiptNo: string, input: { bookId: string; number?: string }, actor: StaffPrincipal) {
    await this.dataSource.transaction(async (manager) => {
      const receipt = await this.lockReceipt(manager, receiptNo);
      const existing = await this.repo.officialOf(manager, receipt.id);
      if (existing) {
        if (existing.kind === 'paper' && existing.book_id === input.bookId && (input.number === undefined || input.number === existing.number)) return;
        throw officialExists(existing);
      }
      if (receipt.status !== 'issued') throw voided(receiptNo);
      const book = await this.findBook(manager, input.bookId, 'share');
      let number = input.number;
      if (number !== undefined) {
        this.checkInBook(book, number);
        if ((await this.repo.lockNumber(manager, book.id, number)) !== 'unused') throw numberUsed(number);
      } else {
        number = (book.status === 'open' ? await this.repo.takeNextUnused(manager, book.id) : null) ?? undefined;
        if (number === undefined) throw new DomainError('RECEIPT_BOOK_EXHAUSTED', '该票据本的号码已全部使用或作废');
      }
      const official = await this.insertOfficial(manager, receipt, {
        kind: 'paper',
        source: 'paper',
        code: book.code,
        number,
        checkCode: null,
        issuedAt: new Date(),
        bookId: book.id,
        file: null,
        createdBy: actor.id,
      });
      await this.repo.recordNumber(manager, { bookId: book.id, number, state: 'used', officialReceiptId: official.id, reason: null, recordedBy: actor.id });
      await this.audit.record(manager, actor, {
        action: 'receipt.official.paper',
        entity: 'receipt',
        entityId: receipt.receiptNo,
        after: { kind: 'paper', bookId: book.id, code: book.code, number },
      });
    });
    this.outbox.flush();
    return this.view(receiptNo);
  }

  /** Manual fiscal entry: the electronic receipt staff issued in the government portal. */
  async attachFiscal(receiptNo: string, input: AttachFiscal, actor: StaffPrincipal) {
    const stored = input.file ? await this.storeFile(receiptNo, input.file) : null;
    await this.dataSource.transaction(async (manager) => {
      const receipt = await this.lockReceipt(manager, receiptNo);
      const existing = await this.repo.officialOf(manager, receipt.id);
      if (existing) {
        if (existing.kind === 'fiscal' && existing.code === input.code && existing.number === input.number) return;
        throw officialExists(existing);
      }
      if (receipt.status !== 'issued') throw voided(receiptNo);
      await this.insertOfficial(manager, receipt, {
        kind: 'fiscal',
        source: 'manual',
        code: input.code,
        number: input.number,
        checkCode: input.checkCode,
        issuedAt: input.issuedAt,
        bookId: null,
        file: stored,
        createdBy: actor.id,
      });
      await this.audit.record(manager, actor, {
        action: 'receipt.official.fiscal',
        entity: 'receipt',
        entityId: receipt.receiptNo,
        after: { kind: 'fiscal', code: input.code, number: input.number, issuedAt: input.issuedAt.toISOString(), file: stored?.sha256 ?? null },
      });
    });
    this.outbox.flush();
    return this.view(receiptNo);
  }

  /** The platform's answer, attached in the caller's transaction (the fiscal worker). */
  async attachFromPlatform(
    manager: EntityManager,
    receipt: Receipt,
    issued: { code: string; number: string; checkCode: string; issuedAt: Date; file: { path: string; type: string; sha256: string } },
  ): Promise<OfficialReceiptRow> {
    const official = await this.insertOfficial(manager, receipt, {
      kind: 'fiscal',
      source: 'platform',
      code: issued.code,
      number: issued.number,
      checkCode: issued.checkCode,
      issuedAt: issued.issuedAt,
      bookId: null,
      file: issued.file,
      createdBy: null,
    });
    await this.audit.record(manager, null, {
      action: 'receipt.official.platform',
      entity: 'receipt',
      entityId: receipt.receiptNo,
      after: { kind: 'fiscal', code: issued.code, number: issued.number },
    });
    return official;
  }

  /** Staff retry of the platform route for one record (after an outage outlasted the job's retries, or a refusal was fixed). */
  async retryFiscal(receiptNo: string, actor: StaffPrincipal) {
    if (!this.config.fiscalReceipts) throw new DomainError('FISCAL_PLATFORM_OFF', '未配置财政电子票据平台（FISCAL_RECEIPT_API_BASE）');
    await this.dataSource.transaction(async (manager) => {
      const receipt = await this.lockReceipt(manager, receiptNo);
      if (await this.repo.officialOf(manager, receipt.id)) throw new DomainError('OFFICIAL_RECEIPT_EXISTS', '该票据已关联公益事业捐赠票据');
      if (receipt.status !== 'issued') throw voided(receiptNo);
      if (!(await this.repo.addFiscalRequest(manager, receipt.id))) await this.repo.reopenFiscalRequest(manager, receipt.id);
      const job: IssueFiscalJob = { receiptId: receipt.id };
      await this.outbox.add(manager, RECEIPTS_QUEUE, ISSUE_FISCAL, { ...job });
      await this.audit.record(manager, actor, { action: 'receipt.official.retry', entity: 'receipt', entityId: receipt.receiptNo });
    });
    this.outbox.flush();
    return { status: 'queued' as const };
  }

  /**
   * The record's data in the field order of the official form (《公益事业捐赠票据使用管理办法》 Art. 6),
   * to print onto a paper 票据 or to key into the platform's portal. Fields we do not hold are null.
   */
  async form(receiptNo: string): Promise<ReceiptFormView> {
    const receipt = await this.findReceipt(receiptNo);
    const manager = this.dataSource.manager;
    const [campaign, request, official] = await Promise.all([
      this.sources.getCampaign(receipt.campaignId, manager),
      this.requests.getById(receipt.requestId, manager),
      this.repo.officialOf(manager, receipt.id),
    ]);
    // A record issued before these fields were kept: what the request says now.
    const reviewer = receipt.reviewerName ?? (request.reviewedBy ? await this.repo.staffName(manager, request.reviewedBy) : AUTO_REVIEWER);
    const fund = await receiptFund(manager, receipt);
    const gifts = receipt.aggregate ? await this.gifts.receiptGifts(manager, receipt.id) : [];
    const orderNo = await receiptOrderNo(manager, receipt);
    const remark = [
      `捐赠记录 ${receipt.receiptNo}`,
      gifts.length > 1
        ? `合并开具 ${gifts.length} 笔：${gifts.map((g) => `${formatShanghaiDate(g.donated_at)} ${g.order_no} ${formatYuanDisplay(g.amount_fen)}`).join('，')}`
        : `捐赠日期 ${formatShanghaiDate(receipt.donatedAt)}${orderNo ? `，订单号 ${orderNo}` : ''}`,
    ].join('；');
    const fields: { key: string; label: string; value: string | null }[] = [
      { key: 'payer', label: '交款人', value: receipt.invoiceTitle },
      {
        key: 'payerCreditCode',
        label: '统一社会信用代码',
        value: receipt.payerCreditCode ?? (request.donorType === 'organization' ? request.creditCode : null),
      },
      { key: 'projectCode', label: '项目编码', value: receiptProjectCode(campaign.code, fund?.code ?? null) },
      { key: 'projectName', label: '项目名称', value: receiptProjectName(campaign.title, fund?.name ?? null) },
      { key: 'amountFigures', label: '金额（小写）', value: formatYuanDisplay(receipt.amountFen) },
      { key: 'amountCapitals', label: '金额（大写）', value: toChineseCapitals(receipt.amountFen) },
      { key: 'issuedOn', label: '开票日期', value: formatShanghaiDate(official?.issued_at ?? new Date()) },
      { key: 'remark', label: '备注', value: remark },
      { key: 'issuer', label: '开票单位', value: campaign.organisation },
      { key: 'reviewer', label: '复核人', value: reviewer },
      { key: 'payee', label: '收款人', value: receipt.payeeName ?? campaign.receiptPayee },
    ];
    return {
      receiptNo: receipt.receiptNo,
      status: receipt.status,
      official: toOfficialReceiptView(official),
      fields,
      /** 合并开具: the gifts to list on the form's attachment (附清单), each with its date, order number and amount. */
      gifts: gifts.map((g) => toReceiptFormGiftView(g, formatShanghaiDate(g.donated_at))),
    };
  }

  async declines(campaignCode: string | undefined): Promise<ReceiptDeclineListView> {
    const rows = await this.repo.declines(this.dataSource.manager, campaignCode);
    return { items: rows.map(toReceiptDeclineRowView) };
  }

  async storeFile(receiptNo: string, bytes: Buffer): Promise<{ path: string; type: string; sha256: string }> {
    const kind = sniffOfficialFile(bytes);
    if (!kind || bytes.length > FILE_MAX_BYTES) throw new DomainError('INVALID_ATTACHMENT', '票据文件须为财政电子票据的 PDF 或 OFD 文件，且不超过 5 MB');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const [prefix, year] = receiptNo.split('-');
    const path = join('official-receipts', prefix, year, `${receiptNo}-${sha256.slice(0, 12)}.${kind.ext}`);
    await this.files.write(path, bytes);
    return { path, type: kind.type, sha256 };
  }

  async file(receiptNo: string): Promise<{ bytes: Buffer; type: string; filename: string }> {
    const receipt = await this.findReceipt(receiptNo);
    const official = await this.repo.officialOf(this.dataSource.manager, receipt.id);
    if (!official?.file_path) throw new DomainError('NOT_FOUND', '该票据没有财政电子票据文件');
    const ext = official.file_type === 'application/ofd' ? 'ofd' : 'pdf';
    return {
      bytes: await this.files.read(official.file_path),
      type: official.file_type ?? 'application/pdf',
      filename: `${official.code}-${official.number}.${ext}`,
    };
  }

  private async view(receiptNo: string): Promise<ReceiptOfficialView> {
    const receipt = await this.findReceipt(receiptNo);
    return { receiptNo, official: toOfficialReceiptView(await this.repo.officialOf(this.dataSource.manager, receipt.id)) };
  }

  private async insertOfficial(manager: EntityManager, receipt: Receipt, row: Omit<NewOfficialReceipt, 'receiptId'>) {
    let official: OfficialReceiptRow;
    try {
      // A savepoint, so a taken number leaves the transaction usable for the error answer.
      official = await manager.transaction((inner) => this.repo.insertOfficial(inner, { ...row, receiptId: receipt.id }));
    } catch (error) {
      if (isUniqueViolation(error, 'official_receipts_number_once')) throw numberUsed(row.number);
      if (isUniqueViolation(error, 'official_receipts_one_per_receipt')) throw new DomainError('OFFICIAL_RECEIPT_EXISTS', '该票据已关联公益事业捐赠票据');
      throw error;
    }
    const job: RenderOfficialJob = { receiptId: receipt.id, officialId: official.id };
    await this.outbox.add(manager, RECEIPTS_QUEUE, RENDER_OFFICIAL, { ...job });
    return official;
  }

  private async bookSummary(manager: EntityManager, book: ReceiptBookRow): Promise<ReceiptBookView> {
    const counts = await this.repo.counts(manager, book.id);
    const size = Number(BigInt(book.last_number) - BigInt(book.first_number) + 1n);
    return toReceiptBookView(book, size, counts);
  }

  private checkInBook(book: ReceiptBookRow, number: string): void {
    if (number < book.first_number || number > book.last_number) {
      throw new DomainError('RECEIPT_NUMBER_OUTSIDE_BOOK', `号码 ${number} 不在该票据本的 ${book.first_number}–${book.last_number} 之内`);
    }
  }

  private async findBook(manager: EntityManager, id: string, lock?: 'update' | 'share'): Promise<ReceiptBookRow> {
    const book = UUID.test(id) ? await this.repo.book(manager, id, lock) : null;
    if (!book) throw new DomainError('RECEIPT_BOOK_NOT_FOUND', '票据本不存在');
    return book;
  }

  private async findReceipt(receiptNo: string): Promise<Receipt> {
    const receipt = RECEIPT_NO.test(receiptNo) ? await this.receipts.findByReceiptNo(receiptNo) : null;
    if (!receipt) throw new DomainError('RECEIPT_NOT_FOUND', '票据不存在');
    return receipt;
  }

  private async lockReceipt(manager: EntityManager, receiptNo: string): Promise<Receipt> {
    const receipt = RECEIPT_NO.test(receiptNo) ? await this.receipts.lockByReceiptNo(manager, receiptNo) : null;
    if (!receipt) throw new DomainError('RECEIPT_NOT_FOUND', '票据不存在');
    return receipt;
  }
}

/** The unused numbers of a book as [first, last] ranges, given its used and spoiled numbers in order. */
export function unusedRanges(book: { first_number: string; last_number: string }, taken: string[]): [string, string][] {
  const ranges: [string, string][] = [];
  let next = BigInt(book.first_number);
  const last = BigInt(book.last_number);
  for (const number of taken) {
    const n = BigInt(number);
    if (n > next) ranges.push([ten(next), ten(n - 1n)]);
    next = n + 1n;
  }
  if (next <= last) ranges.push([ten(next), ten(last)]);
  return ranges;
}

function ten(n: bigint): string {
  return n.toString().padStart(10, '0');
}

function numberUsed(number: string): DomainError {
  return new DomainError('RECEIPT_NUMBER_USED', `号码 ${number} 已使用或已作废`);
}

function officialExists(existing: OfficialReceiptRow): DomainError {
  return new DomainError('OFFICIAL_RECEIPT_EXISTS', `该票据已关联公益事业捐赠票据（票据代码 ${existing.code}，号码 ${existing.number}）`, {
    kind: existing.kind,
    code: existing.code,
    number: existing.number,
  });
}

function voided(receiptNo: string): DomainError {
  return new DomainError('RECEIPT_VOIDED', `票据 ${receiptNo} 已作废，不能关联公益事业捐赠票据`);
}
