import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DomainError } from '../common/errors';
import { SpreadsheetReader } from '../common/spreadsheet/spreadsheet-reader';
import { STATEMENT_LIMITS, STATEMENT_WORKER_HEAP_MB } from './statement-limits';

/**
 * Bank statements read by the shared spreadsheet reader (a worker thread, checks before parsing):
 * a file beyond the statement limits is 413 STATEMENT_TOO_LARGE, an unreadable one 422 INVALID_STATEMENT.
 */
@Injectable()
export class StatementReader implements OnModuleDestroy {
  private readonly reader = new SpreadsheetReader(STATEMENT_WORKER_HEAP_MB);

  /** The checks that come before parsing (sizes, rows, cells); throws STATEMENT_TOO_LARGE or INVALID_STATEMENT. */
  async inspect(bytes: Buffer): Promise<void> {
    await this.run('inspect', bytes);
  }

  /** The checks, then the rows of the first worksheet (or the CSV) as text, with the line of each in the file. */
  async read(bytes: Buffer): Promise<{ records: string[][]; lines: number[] }> {
    return this.run('read', bytes);
  }

  onModuleDestroy(): void {
    this.reader.close();
  }

  private async run(mode: 'inspect' | 'read', bytes: Buffer): Promise<{ records: string[][]; lines: number[] }> {
    const result = await this.reader.run(mode, bytes, STATEMENT_LIMITS);
    if (result.ok) return { records: result.records, lines: result.lines };
    if (result.refusal === 'too_large') throw new DomainError('STATEMENT_TOO_LARGE', `银行流水文件过大，无法导入：${result.reason}。请按日期拆分后分别导入`);
    throw new DomainError('INVALID_STATEMENT', `无法读取银行流水文件：${result.reason}`);
  }
}
