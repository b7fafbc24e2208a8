import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { StorageDir } from '../common/storage-dir';
import { SCREENSHOTS_FOLDER } from './retention-jobs';
import { OutboxService } from '../outbox/outbox.service';
import { HousekeepingRepository } from './housekeeping.repository';

const DAY_MS = 24 * 3600_000;

export interface NotificationRetentionResult {
  verifiedDeleted: number;
  otherDeleted: number;
}

/**
 * What the service keeps only for a while: the provider notification log (verified callbacks for
 * NOTIFICATION_RETENTION_DAYS, unsigned and invalid ones for INVALID_NOTIFICATION_RETENTION_DAYS;
 * the ledger's payments stay), and screenshot files no stored receipt request names (a refused or
 * crashed upload), once older than UPLOAD_ORPHAN_GRACE_MINUTES so that a request being stored right
 * now keeps its file; and outbox rows whose job finished long ago. Safe to run any number of times.
 */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger(HousekeepingService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: HousekeepingRepository,
    private readonly storage: StorageDir,
    private readonly outbox: OutboxService,
  ) {}

  /** Outbox rows whose job finished more than OUTBOX_RETENTION_DAYS ago (pending and unfinished rows stay). */
  async pruneOutbox(now = new Date()): Promise<{ deleted: number }> {
    const deleted = await this.outbox.prune(new Date(now.getTime() - this.config.retention.outboxDays * DAY_MS));
    if (deleted > 0) this.logger.log(`Outbox: deleted ${deleted} row(s) whose job finished before the retention period`);
    return { deleted };
  }

  async pruneNotifications(now = new Date()): Promise<NotificationRetentionResult> {
    const otherDeleted = await this.repository.deleteNotifications(false, new Date(now.getTime() - this.config.invalidNotificationRetentionDays * DAY_MS));
    const verifiedDeleted = await this.repository.deleteNotifications(true, new Date(now.getTime() - this.config.notificationRetentionDays * DAY_MS));
    if (verifiedDeleted + otherDeleted > 0) {
      this.logger.log(`Notification log: deleted ${verifiedDeleted} verified and ${otherDeleted} unverified row(s) past retention`);
    }
    return { verifiedDeleted, otherDeleted };
  }

  async sweepOrphanedUploads(now = new Date()): Promise<{ deleted: number }> {
    const cutoff = now.getTime() - this.config.uploadOrphanGraceMinutes * 60_000;
    let deleted = 0;
    for (const file of await this.storage.files(SCREENSHOTS_FOLDER)) {
      if (file.modifiedAt.getTime() > cutoff) continue;
      if (await this.repository.screenshotReferenced(file.path)) continue;
      await this.storage.remove(file.path);
      deleted++;
    }
    if (deleted > 0) this.logger.log(`Uploads: deleted ${deleted} screenshot file(s) no receipt request names`);
    return { deleted };
  }
}
