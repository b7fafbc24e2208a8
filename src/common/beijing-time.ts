/** 2020-02-01 10:30: an ISO instant as the wall-clock minute in Beijing (UTC+8, no daylight saving). */
export function beijingMinute(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
