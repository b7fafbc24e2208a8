/**
 * Fault injection for crash tests: FAULT_INJECTION=<point>[,<point>…] kills this process with
 * SIGKILL (no cleanup, as a power cut or the OOM killer would) when it reaches that point.
 * Ignored when NODE_ENV=production. Points: receipt:after-number, receipt:after-pdf.
 */
export function crashPoint(point: string): void {
  if (process.env.NODE_ENV === 'production') return;
  const points = (process.env.FAULT_INJECTION ?? '').split(',').map((p) => p.trim());
  if (points.includes(point)) process.kill(process.pid, 'SIGKILL');
}
