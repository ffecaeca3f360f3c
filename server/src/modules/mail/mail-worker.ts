import nodemailer, { type Transporter } from 'nodemailer';
import type { MailRepository } from './mail.repository.js';

export interface MailWorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Sends the mail outbox over SMTP (nodemailer). Each round claims due messages, sends each and marks it sent; a
 * failed send is retried with backoff (baseBackoffMs · 2^attempts, capped), so a down SMTP server only delays mail.
 * The Message-ID is the outbox id, so a receiving server can tell a resend after a lost acknowledgement.
 */
export class MailWorker {
  private readonly transport: Transporter;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly repo: MailRepository,
    private readonly options: {
      smtpUrl: string;
      from: string;
      pollMs: number;
      log: MailWorkerLogger;
      batchSize?: number;
      baseBackoffMs?: number;
      maxBackoffMs?: number;
    },
  ) {
    this.transport = nodemailer.createTransport(options.smtpUrl, { from: options.from });
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.drain().finally(tick), this.options.pollMs);
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  /**
   * Sends every message due now, a batch at a time, until a batch comes back short (also called by tests to send
   * now); concurrent calls share the drain in progress.
   */
  drain(): Promise<void> {
    this.running ??= this.drainAll().finally(() => (this.running = null));
    return this.running;
  }

  private async drainAll(): Promise<void> {
    const { batchSize = 20 } = this.options;
    while (!this.stopped && (await this.round(batchSize)) === batchSize);
  }

  /** Claims and sends one batch; returns how many it claimed. */
  private async round(batchSize: number): Promise<number> {
    const { baseBackoffMs = 1000, maxBackoffMs = 300_000 } = this.options;
    let due;
    try {
      due = await this.repo.claimDue(new Date(), batchSize, 60_000);
    } catch (err) {
      this.options.log.warn({ err }, 'mail outbox: could not read due messages');
      return 0;
    }
    for (const m of due) {
      try {
        const info = await this.transport.sendMail({
          from: this.options.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          messageId: `<${m.id}@knotwork>`,
          headers: { 'X-Knotwork-Kind': m.kind },
        });
        await this.repo.markSent(m.id, String(info.messageId ?? ''));
      } catch (err) {
        const backoff = Math.min(maxBackoffMs, baseBackoffMs * 2 ** m.attempts);
        this.options.log.warn({ err, mail: m.id, attempts: m.attempts + 1 }, 'mail outbox: send failed; will retry');
        await this.repo.markFailed(m.id, (err as Error).message, new Date(Date.now() + backoff)).catch(() => {});
      }
    }
    return due.length;
  }
}
