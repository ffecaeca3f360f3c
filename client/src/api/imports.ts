import type { ImportFormat, ImportJob, ImportReport, ImportRequest } from '@knotwork/graph-schema';
import { ApiError, api } from './http';

/**
 * Imports (graph-schema payloads/transfer.ts): POST /api/imports { format, name, files: { fileName: text }, dryRun }
 * answers 202 with a job; GET /api/imports/:id reports its progress and, when finished, the report of created,
 * updated and rejected records. Upload progress comes from XMLHttpRequest.
 */
export type { ImportFormat };

function post(body: ImportRequest, onProgress: (fraction: number) => void): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    xhr.setRequestHeader('x-knotwork-csrf', '1');
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload failed: Knotwork could not be reached.', null, null));
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json as ImportJob);
      else {
        const e = (json as { error?: { code: string; message: string; details?: unknown; requestId?: string } } | null)?.error;
        reject(new ApiError(xhr.status, e?.code ?? `HTTP_${xhr.status}`, e?.message ?? `The server answered ${xhr.status}.`, e?.details ?? null, e?.requestId ?? null));
      }
    };
    xhr.send(JSON.stringify(body));
  });
}

export interface ImportProgress {
  phase: 'upload' | 'processing' | 'done';
  fraction: number | null;
  text: string;
}

export class ImportFailed extends Error {
  constructor(
    message: string,
    readonly errors: ImportReport['rejected'],
  ) {
    super(message);
  }
}

export async function runImport(body: ImportRequest, onProgress: (p: ImportProgress) => void): Promise<ImportReport> {
  let job = await post(body, (f) => onProgress({ phase: 'upload', fraction: f * 0.2, text: `Uploading ${Math.round(f * 100)}%` }));
  while (job.status === 'queued' || job.status === 'running') {
    const { done, total } = job.progress;
    onProgress({
      phase: 'processing',
      fraction: total ? 0.2 + 0.8 * (done / total) : null,
      text: total ? `Processed ${done} of ${total} records` : 'Reading the files…',
    });
    await new Promise((r) => setTimeout(r, 400));
    job = await api<ImportJob>(`/api/imports/${job.id}`);
  }
  if (job.status === 'failed' || !job.report) {
    throw new ImportFailed(job.error?.message ?? 'The import failed.', job.error?.errors ?? []);
  }
  onProgress({ phase: 'done', fraction: 1, text: 'Done' });
  return job.report;
}
