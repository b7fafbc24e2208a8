import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Eta } from 'eta';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TEMPLATES_DIR } from '../common/page-renderer';

export interface OutgoingMail {
  to: string;
  subject: string;
  template: string; // templates/email/<template>.eta, rendered as the plain-text body
  data: Record<string, unknown>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * Outgoing mail through nodemailer: SMTP when SMTP_URL is set, otherwise each message is written
 * as an .eml file under $STORAGE_DIR/outbox (so a laptop without a mail server loses nothing).
 * Addresses are never logged.
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailerService.name);
  private readonly eta = new Eta({ views: join(TEMPLATES_DIR, 'email'), autoEscape: false, cache: true, autoTrim: false });
  private readonly transport: Transporter;
  private readonly outboxDir: string | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl) {
      // Pooled: the receipt worker mails a message per receipt, and a new SMTP connection (TCP,
      // greeting, EHLO, maybe TLS and AUTH) for each cost more than the message. Up to one
      // connection per concurrent receipt job, each reused for up to 1,000 messages and closed
      // after a few idle minutes; a connection that breaks fails its message, which its job retries.
      this.transport = createTransport(
        { url: config.smtpUrl, pool: true, maxConnections: Math.max(1, config.receiptWorkerConcurrency), maxMessages: 1000 },
        { from: config.mailFrom },
      );
      this.outboxDir = null;
    } else {
      this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.outboxDir = resolve(config.storageDir, 'outbox');
    }
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string; file?: string }> {
    const info = await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: this.eta.render(mail.template, mail.data),
      attachments: mail.attachments,
    });
    if (!this.outboxDir) return { messageId: info.messageId };
    await mkdir(this.outboxDir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9@.-]/g, '')}.eml`;
    const file = join(this.outboxDir, name);
    await writeFile(`${file}.tmp`, info.message as Buffer);
    await rename(`${file}.tmp`, file);
    this.logger.log({ file: name }, 'Mail written to the outbox directory (SMTP_URL unset)');
    return { messageId: info.messageId, file };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
