import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config/app-config';
import { MailerService } from '../src/mail/mailer.service';
import { testEnv } from './support/test-app';

/** An SMTP server that counts the connections opened to it and the messages it accepts. */
async function countingServer(): Promise<{ url: string; connections: () => number; messages: () => number; close: () => Promise<void> }> {
  let connections = 0;
  let messages = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        messages += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connections: () => connections,
    messages: () => messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const mail = (n: number) => ({
  to: `donor${n}@example.com`,
  subject: `测试 ${n}`,
  template: 'rejection',
  data: { name: '周敏', campaignTitle: '温暖武汉', requestId: `r-${n}`, reason: '测试', organisation: '北京市温暖基金会' },
});

describe('outgoing mail over SMTP', () => {
  it('reuses pooled connections: one per concurrent send at most, not one per message', async () => {
    const smtp = await countingServer();
    const mailer = new MailerService(loadConfig(testEnv({ SMTP_URL: smtp.url, RECEIPT_WORKER_CONCURRENCY: '2' })));
    try {
      for (let n = 0; n < 5; n += 1) await mailer.send(mail(n));
      expect(smtp.messages()).toBe(5);
      expect(smtp.connections()).toBe(1);

      await Promise.all(Array.from({ length: 8 }, (_, n) => mailer.send(mail(10 + n))));
      expect(smtp.messages()).toBe(13);
      // At most RECEIPT_WORKER_CONCURRENCY connections at once.
      expect(smtp.connections()).toBeLessThanOrEqual(2);
    } finally {
      mailer.onApplicationShutdown();
      await smtp.close();
    }
  });
});
