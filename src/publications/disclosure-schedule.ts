const DAY_MS = 86_400_000;
/** The law's deadline for the final account: three months after the campaign ends. */
export const FINAL_ACCOUNT_DEADLINE_DAYS = 90;

export interface ScheduleInput {
  startsAt: Date | null;
  endsAt: Date | null;
  createdAt: Date;
  intervalDays: number;
  /** The newest publication, if any. */
  last: { asOf: Date } | null;
  /** Whether anything was ever received or disbursed: an untouched campaign has nothing to account for. */
  hasActivity: boolean;
}

export interface DisclosureSchedule {
  intervalDays: number;
  lastPublishedAt: string | null;
  /** When the next publication is due (the job makes it then); null once the final account is out. */
  nextDueAt: string | null;
  /** 'final' once the campaign has ended: the account of the whole campaign. */
  nextKind: 'scheduled' | 'final' | null;
  /** Due and not made yet. */
  overdue: boolean;
  /** The final account's legal deadline, when the campaign has an end. */
  finalDeadline: string | null;
  finalPublished: boolean;
}

/**
 * When a campaign's next publication is due: `intervalDays` after the last one (or after the start),
 * and the final account as soon as it has ended. Pure, so the job, the console and the public page
 * agree.
 */
export function disclosureSchedule(input: ScheduleInput, now: Date): DisclosureSchedule {
  // Never due before the campaign was recorded here (a campaign entered late starts its clock then).
  const recorded = (d: Date | null) => (d && d > input.createdAt ? d : input.createdAt);
  const base = input.last?.asOf ?? recorded(input.startsAt);
  const endsAt = input.endsAt ? recorded(input.endsAt) : null;
  const ended = endsAt !== null && endsAt <= now;
  const finalPublished = endsAt !== null && input.last !== null && input.last.asOf >= endsAt;
  let nextDueAt: Date | null = new Date(base.getTime() + input.intervalDays * DAY_MS);
  let nextKind: DisclosureSchedule['nextKind'] = 'scheduled';
  if (endsAt && nextDueAt >= endsAt) {
    // Past the end, the next one is the final account, due at the end.
    nextDueAt = finalPublished ? null : endsAt;
    nextKind = finalPublished ? null : 'final';
  } else if (ended && !finalPublished) {
    nextKind = 'final';
  }
  return {
    intervalDays: input.intervalDays,
    lastPublishedAt: input.last?.asOf.toISOString() ?? null,
    nextDueAt: nextDueAt?.toISOString() ?? null,
    nextKind,
    overdue: input.hasActivity && nextDueAt !== null && nextDueAt <= now,
    finalDeadline: input.endsAt ? new Date(input.endsAt.getTime() + FINAL_ACCOUNT_DEADLINE_DAYS * DAY_MS).toISOString() : null,
    finalPublished,
  };
}
