import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { MailWorker } from './mail-worker.js';
import { createMailRepository, type MailRepository } from './mail.repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    mail: {
      repository: MailRepository;
      /** Null when SMTP_URL is not set: mail then waits in the outbox. Polls only with MAIL_WORKER=true. */
      worker: MailWorker | null;
      publicUrl: string;
    };
  }
}

/** The mail outbox and its in-process worker (started when the app is ready, stopped when it closes). */
export default fp<{ config: Config['mail'] }>(
  async (app, { config }) => {
    const repository = createMailRepository(app.db);
    const worker = config.smtpUrl
      ? new MailWorker(repository, { smtpUrl: config.smtpUrl, from: config.from, pollMs: config.pollMs, log: app.log })
      : null;
    if (!worker) app.log.info('SMTP_URL is not set: mail waits in the outbox');
    app.decorate('mail', { repository, worker, publicUrl: config.publicUrl });
    app.addHook('onReady', async () => {
      if (config.worker) worker?.start();
    });
    app.addHook('onClose', async () => worker?.stop());
  },
  { name: 'mail', dependencies: ['neo4j'] },
);
