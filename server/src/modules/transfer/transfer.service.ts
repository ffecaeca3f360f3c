import type { ImportFormat, ImportJob, ImportReport, RejectedRecord, SessionUser } from '@knotwork/graph-schema';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/db.js';
import { writeAuditEvent } from '../audit/audit.repository.js';
import { planKnotworkCsv } from './csv-import.js';
import { ImportFormatError, writePlan, type ImportPlan } from './import-plan.js';
import { planOhanaCsv } from './ohana.js';
import { planOrukJson } from './oruk.js';
import { specialismTerms } from './transfer.repository.js';

export { ImportFormatError };

/** Parses and validates every file (throws ImportFormatError when malformed: nothing is written). */
export async function planImport(db: Db, format: ImportFormat, name: string, files: Record<string, string>): Promise<ImportPlan> {
  if (format === 'knotwork-csv') return planKnotworkCsv(files, name);
  const existing = await db.read((tx) => specialismTerms(tx));
  return format === 'ohana-csv' ? planOhanaCsv(files, name, existing) : planOrukJson(files, name, existing);
}

/**
 * Runs an import: plan (parse + validate everything), then write with MERGE by id/source key (idempotent) and
 * search-sync outbox events in the same transactions, then one audit event for the import.
 */
export async function runImport(
  db: Db,
  input: {
    format: ImportFormat;
    name: string;
    files: Record<string, string>;
    dryRun?: boolean;
    sync?: boolean;
    actor?: Pick<SessionUser, 'id' | 'email'> | null;
  },
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const plan = await planImport(db, input.format, input.name, input.files);
  const report = await writePlan(db, plan, { dryRun: input.dryRun ?? false, sync: input.sync ?? false, searchSync: true, ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
  if (!report.dryRun) {
    await db.write((tx) =>
      writeAuditEvent(tx, {
        actor: input.actor ?? null,
        action: 'import',
        entityType: 'Import',
        entityId: `import:${input.name}`,
        before: null,
        after: {
          format: input.format,
          files: Object.keys(input.files),
          created: report.created,
          updated: report.updated,
          retired: report.retired,
          rejected: report.rejected.length,
          warnings: report.warnings.length,
        },
      }),
    );
  }
  return report;
}

/**
 * Import jobs, kept in this process's memory (an import is short; a restart loses only the job status, never
 * data — the import is idempotent and can be re-run). Finished jobs are kept for an hour.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  constructor(private readonly db: Db) {}

  start(input: { format: ImportFormat; name: string; files: Record<string, string>; dryRun?: boolean; sync?: boolean; actor: Pick<SessionUser, 'id' | 'email'> | null }): ImportJob {
    this.prune();
    const job: ImportJob = {
      id: randomUUID(),
      format: input.format,
      name: input.name,
      status: 'queued',
      createdAt: new Date().toISOString(),
      finishedAt: null,
      progress: { done: 0, total: 0 },
      report: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    setImmediate(() => void this.run(job, input));
    return job;
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** Resolves when the job has finished (tests, CLI). */
  async wait(id: string, timeoutMs = 60_000): Promise<ImportJob> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const job = this.jobs.get(id);
      if (!job) throw new Error(`no import job ${id}`);
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      if (Date.now() > until) return job;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async run(job: ImportJob, input: Parameters<ImportJobs['start']>[0]) {
    job.status = 'running';
    try {
      job.report = await runImport(this.db, input, (done, total) => (job.progress = { done, total }));
      job.status = 'succeeded';
    } catch (e) {
      job.status = 'failed';
      const errors: RejectedRecord[] = e instanceof ImportFormatError ? e.errors : [];
      job.error = { message: e instanceof Error ? e.message : String(e), errors };
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }

  private prune() {
    const cutoff = new Date(Date.now() - 3600_000).toISOString();
    for (const [id, j] of this.jobs) if (j.finishedAt && j.finishedAt < cutoff) this.jobs.delete(id);
  }
}
