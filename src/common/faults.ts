/**
 * Fault injection for crash tests: FAULT_INJECTION=<point>[,<point>…] (AppConfig.faultPoints, always
 * empty in production) kills this process with SIGKILL (no cleanup, as a power cut or the OOM killer
 * would) when it reaches one of them. Points: receipt:after-number, receipt:after-pdf.
 */
export function crashPoint(points: readonly string[], point: string): void {
  if (points.includes(point)) process.kill(process.pid, 'SIGKILL');
}
