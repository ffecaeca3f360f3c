import type { ImportReport } from '@knotwork/graph-schema';
import { ApiError } from './http';

/**
 * Imports: POST /api/imports?format=…&type=…&dryRun=… with the file as the request body. The answer is the
 * ImportReport (graph-schema/src/payloads/transfer.ts), or a job `{ id, status, processed, total, report? }`
 * polled at GET /api/imports/:id until it is done. Upload progress comes from XMLHttpRequest.
 */
export type ImportFormat = 'csv' | 'openreferral';
export interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  processed?: number;
  total?: number;
  report?: ImportReport;
  error?: string;
}

function upload(url: string, file: File, onProgress: (fraction: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('x-knotwork-csrf', '1');
    xhr.setRequestHeader('content-type', file.name.endsWith('.json') ? 'application/json' : 'text/csv');
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
      if (xhr.status >= 200 && xhr.status < 300) resolve(json);
      else {
        const e = (json as { error?: { code: string; message: string; details?: unknown; requestId?: string } } | null)?.error;
        reject(new ApiError(xhr.status, e?.code ?? `HTTP_${xhr.status}`, e?.message ?? `The server answered ${xhr.status}.`, e?.details ?? null, e?.requestId ?? null));
      }
    };
    xhr.send(file);
  });
}

const isReport = (x: unknown): x is ImportReport => Boolean(x && typeof x === 'object' && 'rejected' in x && 'created' in x);

export async function runImport(
  file: File,
  opts: { format: ImportFormat; type?: string; dryRun?: boolean },
  onProgress: (p: { phase: 'upload' | 'processing'; fraction: number | null; text: string }) => void,
): Promise<ImportReport> {
  const params = new URLSearchParams({ format: opts.format, ...(opts.type ? { type: opts.type } : {}), ...(opts.dryRun ? { dryRun: 'true' } : {}) });
  const first = await upload(`/api/imports?${params}`, file, (f) => onProgress({ phase: 'upload', fraction: f, text: `Uploading ${Math.round(f * 100)}%` }));
  if (isReport(first)) return first;
  let job = first as ImportJob;
  if ((job as { report?: ImportReport }).report && isReport(job.report)) return job.report;
  while (job.status !== 'done' && job.status !== 'failed') {
    const fraction = job.total ? (job.processed ?? 0) / job.total : null;
    onProgress({ phase: 'processing', fraction, text: job.total ? `Processed ${job.processed ?? 0} of ${job.total} records` : 'Processing…' });
    await new Promise((r) => setTimeout(r, 500));
    const res = await fetch(`/api/imports/${job.id}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    job = (await res.json()) as ImportJob;
  }
  if (job.status === 'failed' || !job.report) throw new ApiError(500, 'IMPORT_FAILED', job.error ?? 'The import failed.', null, null);
  return job.report;
}
