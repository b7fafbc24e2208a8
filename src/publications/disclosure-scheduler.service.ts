import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/errors';
import { CAMPAIGN_CODE } from '../common/validation';
import { disclosureSchedule, DisclosureSchedule } from './disclosure-schedule';
import { DisclosureScheduleRepository, ScheduleRow } from './disclosure-schedule.repository';
import { PublicationsService } from './publications.service';

/** Scheduled disclosure: when each campaign's next publication is due, and the job that makes the due ones. */
@Injectable()
export class DisclosureScheduler {
  private readonly logger = new Logger(DisclosureScheduler.name);

  constructor(
    private readonly repository: DisclosureScheduleRepository,
    private readonly publications: PublicationsService,
  ) {}

  async forCampaign(code: string, now = new Date()): Promise<DisclosureSchedule> {
    const [row] = CAMPAIGN_CODE.test(code) ? await this.repository.campaigns(code) : [];
    if (!row) throw new DomainError('CAMPAIGN_NOT_FOUND', '活动不存在');
    return schedule(row, now);
  }

  /** Makes every due publication; one campaign's failure does not stop the others, and is thrown at the end. */
  async publishDue(now = new Date()): Promise<{ published: string[] }> {
    const published: string[] = [];
    let failure: Error | null = null;
    for (const row of await this.repository.campaigns()) {
      const due = schedule(row, now);
      if (!due.overdue || !due.nextKind) continue;
      try {
        const made = await this.publications.publishScheduled(row.code, due.nextKind, row.last_seq ?? 0);
        if (made) {
          published.push(row.code);
          this.logger.log({ campaign: row.code, seq: made.seq, kind: made.kind }, 'Scheduled publication made');
        }
      } catch (error) {
        failure ??= error as Error;
        this.logger.error({ campaign: row.code }, `Scheduled publication failed: ${(error as Error).message}`);
      }
    }
    if (failure) throw failure;
    return { published };
  }
}

function schedule(row: ScheduleRow, now: Date): DisclosureSchedule {
  return disclosureSchedule(
    {
      startsAt: row.starts_at ? new Date(row.starts_at) : null,
      endsAt: row.ends_at ? new Date(row.ends_at) : null,
      createdAt: new Date(row.created_at),
      intervalDays: row.disclosure_interval_days,
      last: row.last_as_of ? { asOf: new Date(row.last_as_of) } : null,
      hasActivity: row.has_activity,
    },
    now,
  );
}
