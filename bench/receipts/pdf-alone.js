#!/usr/bin/env node
'use strict';
// The baseline of the receipts benchmark: the same receipt PDF (the built renderer, same template,
// font and QR code) rendered in a loop by one process, nothing else: no number, no database, no
// storage, no mail. `node bench/receipts/pdf-alone.js [seconds]`; prints {"perSecond":…, "rendered":…}.
const path = require('node:path');

const { renderReceiptPdf } = require(path.join(__dirname, '..', '..', 'dist', 'receipts', 'pdf', 'receipt-pdf.renderer.js'));

const data = (n) => ({
  receiptNo: `WH-2020-${String(n).padStart(8, '0')}`,
  donorName: '张伟',
  invoiceTitle: '张伟',
  campaignTitle: '温暖武汉',
  amountFen: 123456,
  donatedAt: new Date('2020-02-01T10:30:00+08:00'),
  issuedAt: new Date(),
  organisation: '北京市温暖基金会',
  verifyUrl: `http://localhost:3000/verify/WH-2020-${String(n).padStart(8, '0')}?s=${'x'.repeat(43)}`,
});

async function loop(seconds, from) {
  const deadline = Date.now() + seconds * 1000;
  let n = from;
  let bytes = 0;
  while (Date.now() < deadline) bytes = (await renderReceiptPdf(data(n++))).length;
  return { rendered: n - from, bytes };
}

(async () => {
  const seconds = Number(process.argv[2] || 10);
  await loop(2, 1); // warm-up: template, font subset, JIT
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const { rendered, bytes } = await loop(seconds, 100000);
  const cpu = process.cpuUsage(cpuBefore);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  // CPU ms per PDF: on a busy machine the rate falls with the share of a core this process gets, this much less.
  const cpuMsPerPdf = (cpu.user + cpu.system) / 1000 / rendered;
  process.stdout.write(`${JSON.stringify({ perSecond: rendered / elapsed, cpuMsPerPdf, rendered, seconds: elapsed, pdfBytes: bytes })}\n`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
