import { Module } from '@nestjs/common';
import { MailerService } from './mailer.service';

/** Outgoing mail (nodemailer): SMTP_URL, or .eml files under $STORAGE_DIR/outbox. */
@Module({
  providers: [MailerService],
  exports: [MailerService],
})
export class MailModule {}
