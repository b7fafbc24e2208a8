import { Logger } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../errors';
import { SpreadsheetLimits, SpreadsheetReadResult, SpreadsheetReadTask } from './spreadsheet-limits';

/** The built service runs the compiled worker; the test suites (TypeScript sources) load it through ts-node. */
const WORKER_FILE = join(__dirname, `spreadsheet-reader.worker${extname(__filename)}`);
const WORKER_EXEC_ARGV = extname(__filename) === '.ts' ? ['--require', 'ts-node/register/transpile-only'] : undefined;
/** A worker with nothing to do for this long is stopped (exceljs costs half a second to load again). */
const IDLE_MS = 60_000;

interface Pending {
  task: SpreadsheetReadTask;
  resolve: (result: SpreadsheetReadResult) => void;
  reject: (error: Error) => void;
}

/**
 * Reads uploaded spreadsheets (CSV, XLSX) in one worker thread with a heap limit, one file at a
 * time: a hostile file (a decompression bomb, millions of rows) costs that thread, never the event
 * loop that answers /health and donations. A worker that runs out of heap or time is stopped and
 * the file refused (`too_large`); the next file gets a new worker. Each importing feature holds one
 * (its own heap limit) and turns a refusal into its own error code.
 */
export class SpreadsheetReader {
  private readonly logger = new Logger(SpreadsheetReader.name);
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private parseTimer: NodeJS.Timeout | null = null;

  constructor(private readonly workerHeapMb: number) {}

  /**
   * `inspect`: the checks that come before parsing (sizes, rows, cells); `read`: the checks, then the
   * rows of the first worksheet (or the CSV) as text. A refusal is an answer, not an exception.
   */
  run(mode: 'inspect' | 'read', bytes: Buffer, limits: SpreadsheetLimits): Promise<SpreadsheetReadResult> {
    // A copy of its own for the worker; the caller keeps its buffer (an import job stores it).
    const task: SpreadsheetReadTask = { id: this.nextId++, mode, limits: { ...limits }, bytes: new Uint8Array(bytes) };
    return new Promise<SpreadsheetReadResult>((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
  }

  close(): void {
    for (const pending of this.queue.splice(0)) pending.reject(new DomainError('SERVICE_UNAVAILABLE', '服务正在重启，请稍后重试'));
    void this.worker?.terminate();
    this.worker = null;
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const pending = (this.current = this.queue.shift()!);
    const worker = this.ensureWorker();
    const { maxParseMs } = pending.task.limits;
    this.parseTimer = setTimeout(() => this.fail(worker, 'too_large', `解析超过 ${maxParseMs / 1000} 秒`), maxParseMs);
    worker.postMessage(pending.task, [pending.task.bytes.buffer as ArrayBuffer]);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, {
      execArgv: WORKER_EXEC_ARGV,
      resourceLimits: { maxOldGenerationSizeMb: this.workerHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    worker.unref();
    worker.on('message', (message: { id: number; result: SpreadsheetReadResult }) => this.settle(message.id, message.result));
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (!outOfMemory) this.logger.warn(`Spreadsheet worker failed: ${error.message}`);
      this.fail(worker, outOfMemory ? 'too_large' : 'unreadable', outOfMemory ? '解析所需内存超出上限' : '文件无法解析');
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.fail(worker, 'unreadable', '解析中断');
    });
    this.worker = worker;
    return worker;
  }

  private settle(id: number, result: SpreadsheetReadResult): void {
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

  private finish(pending: Pending, result: SpreadsheetReadResult): void {
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
