import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../common/errors';
import { STATEMENT_LIMITS, StatementReadResult, StatementReadTask } from './statement-limits';

/** The built service runs the compiled worker; the test suites (TypeScript sources) load it through ts-node. */
const WORKER_FILE = join(__dirname, `statement-reader.worker${extname(__filename)}`);
const WORKER_EXEC_ARGV = extname(__filename) === '.ts' ? ['--require', 'ts-node/register/transpile-only'] : undefined;
/** A worker with nothing to do for this long is stopped (exceljs costs half a second to load again). */
const IDLE_MS = 60_000;

interface Pending {
  task: StatementReadTask;
  resolve: (result: StatementReadResult) => void;
  reject: (error: Error) => void;
}

/**
 * Reads bank statements in one worker thread with a heap limit, one file at a time: a hostile file
 * (a decompression bomb, millions of rows) costs that thread, never the event loop that answers
 * /health and donations. A worker that runs out of heap or time is stopped and the file refused
 * with 413 STATEMENT_TOO_LARGE; the next file gets a new worker.
 */
@Injectable()
export class StatementReader implements OnModuleDestroy {
  private readonly logger = new Logger(StatementReader.name);
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private parseTimer: NodeJS.Timeout | null = null;

  /** The checks that come before parsing (sizes, rows, cells); throws STATEMENT_TOO_LARGE or INVALID_STATEMENT. */
  async inspect(bytes: Buffer): Promise<void> {
    await this.run('inspect', bytes);
  }

  /** The checks, then the rows of the first worksheet (or the CSV) as text. */
  async read(bytes: Buffer): Promise<string[][]> {
    return this.run('read', bytes);
  }

  onModuleDestroy(): void {
    for (const pending of this.queue.splice(0)) pending.reject(new DomainError('SERVICE_UNAVAILABLE', '服务正在重启，请稍后重试'));
    void this.worker?.terminate();
    this.worker = null;
  }

  private async run(mode: 'inspect' | 'read', bytes: Buffer): Promise<string[][]> {
    // A copy of its own for the worker; the caller keeps its buffer (the import job stores it).
    const task: StatementReadTask = { id: this.nextId++, mode, bytes: new Uint8Array(bytes) };
    const result = await new Promise<StatementReadResult>((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
    if (result.ok) return result.records;
    if (result.refusal === 'too_large') throw new DomainError('STATEMENT_TOO_LARGE', `银行流水文件过大，无法导入：${result.reason}。请按日期拆分后分别导入`);
    throw new DomainError('INVALID_STATEMENT', `无法读取银行流水文件：${result.reason}`);
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const pending = (this.current = this.queue.shift()!);
    const worker = this.ensureWorker();
    this.parseTimer = setTimeout(() => this.fail(worker, 'too_large', `解析超过 ${STATEMENT_LIMITS.maxParseMs / 1000} 秒`), STATEMENT_LIMITS.maxParseMs);
    worker.postMessage(pending.task, [pending.task.bytes.buffer as ArrayBuffer]);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, {
      execArgv: WORKER_EXEC_ARGV,
      resourceLimits: { maxOldGenerationSizeMb: STATEMENT_LIMITS.workerHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    worker.unref();
    worker.on('message', (message: { id: number; result: StatementReadResult }) => this.settle(message.id, message.result));
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (!outOfMemory) this.logger.warn(`Statement worker failed: ${error.message}`);
      this.fail(worker, outOfMemory ? 'too_large' : 'unreadable', outOfMemory ? '解析所需内存超出上限' : '文件无法解析');
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.fail(worker, 'unreadable', '解析中断');
    });
    this.worker = worker;
    return worker;
  }

  private settle(id: number, result: StatementReadResult): void {
    const pending = this.current;
    if (!pending || pending.task.id !== id) return;
    this.finish(pending, result);
  }

  /** The file being read is refused, the worker is dropped (a new one serves the next file). */
  private fail(worker: Worker, refusal: 'too_large' | 'unreadable', reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    void worker.terminate();
    const pending = this.current;
    if (pending) this.finish(pending, { ok: false, refusal, reason });
  }

  private finish(pending: Pending, result: StatementReadResult): void {
    if (this.parseTimer) clearTimeout(this.parseTimer);
    this.parseTimer = null;
    this.current = null;
    pending.resolve(result);
    if (this.queue.length > 0) this.pump();
    else if (this.worker) {
      const idle = this.worker;
      this.idleTimer = setTimeout(() => {
        if (this.worker === idle && !this.current) {
          this.worker = null;
          void idle.terminate();
        }
      }, IDLE_MS);
      this.idleTimer.unref();
    }
  }
}
