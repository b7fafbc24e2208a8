import { parentPort } from 'node:worker_threads';
import { readStatementContents } from './statement-contents';
import { STATEMENT_LIMITS, StatementReadTask } from './statement-limits';

/**
 * The statement worker thread (see StatementReader): checks and parses one file at a time, off the
 * main event loop and under its own heap limit, and answers with the rows as text.
 */
parentPort?.on('message', (task: StatementReadTask) => {
  void readStatementContents(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength), STATEMENT_LIMITS, task.mode).then((result) =>
    parentPort!.postMessage({ id: task.id, result }),
  );
});
