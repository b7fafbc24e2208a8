import { parentPort } from 'node:worker_threads';
import { readSpreadsheetContents } from './spreadsheet-contents';
import type { SpreadsheetReadTask } from './spreadsheet-limits';

/**
 * The reading worker thread (see SpreadsheetReader): checks and parses one file at a time, off the
 * main event loop and under its own heap limit, under the limits the task names, and answers with
 * the rows as text.
 */
parentPort?.on('message', (task: SpreadsheetReadTask) => {
  void readSpreadsheetContents(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength), task.limits, task.mode).then((result) =>
    parentPort!.postMessage({ id: task.id, result }),
  );
});
