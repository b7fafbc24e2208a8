'use strict';
// A local SMTP server that accepts every message and only counts: messages, bytes, and for each
// recipient how many messages it got and whether they carried a PDF attachment. Messages are not
// parsed (that would cost the sink more CPU than the worker spends sending them); the PDF check
// looks for the attachment's content type in the raw message.
const { SMTPServer } = require('smtp-server');
const { SMTPConnection } = require('smtp-server/lib/smtp-connection.js');

// smtp-server waits a fixed 100 ms before its greeting to catch clients that talk too soon. The
// service opens one SMTP connection per message, so that pause would be most of the time of every
// mail job: a property of this sink, not of the worker. A sink started with greetAtOnce greets
// immediately, as a plain MTA does.
const init = SMTPConnection.prototype.init;
SMTPConnection.prototype.init = function initAtOnce() {
  if (!this._server.options.greetAtOnce) return init.call(this);
  this._setListeners(() => this.connectionReady());
};

const HOST = '127.0.0.1';
const PDF_PART = /content-type:\s*application\/pdf/i;

async function startSmtpSink({ greetAtOnce = true } = {}) {
  const stats = { connections: 0, messages: 0, bytes: 0, withPdf: 0, perRecipient: new Map() };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    greetAtOnce,
    // The worker opens one connection per message; a few at once per concurrent job.
    maxClients: 1000,
    size: 10 * 1024 * 1024,
    onConnect(session, callback) {
      stats.connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      let bytes = 0;
      stream.on('data', (chunk) => {
        chunks.push(chunk);
        bytes += chunk.length;
      });
      stream.on('error', callback);
      stream.on('end', () => {
        stats.messages += 1;
        stats.bytes += bytes;
        if (PDF_PART.test(Buffer.concat(chunks).toString('latin1'))) stats.withPdf += 1;
        for (const { address } of session.envelope.rcptTo) {
          const key = address.toLowerCase();
          stats.perRecipient.set(key, (stats.perRecipient.get(key) ?? 0) + 1);
        }
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const { port } = server.server.address();
  return {
    url: `smtp://${HOST}:${port}`,
    stats,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

module.exports = { startSmtpSink };
