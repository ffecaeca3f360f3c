import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { adviceFor, ApiError, plainMessage } from '../api/http';
import { labelNames, segments } from '../api/entities';
import { nodeTypeStyle, type NodeType } from '../graph/elements';
import { highlightSegments } from '../lib/highlight';
import { formatDate } from '../lib/format';
import type { DirectoryLabel } from '@knotwork/graph-schema';

/** A missing record, or a link whose id cannot be one (the API answers 400 for a malformed id in the address). */
function isNotFound(error: unknown) {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 404) return true;
  return Array.isArray(error.details) && (error.details as { field?: unknown }[]).some((d) => String(d?.field).startsWith('params.'));
}

/** An error in plain words with what to do next; `page` when it is all the page shows (its title becomes the h1). */
export function ErrorMessage({ error, title, page }: { error: unknown; title?: string; page?: boolean }) {
  const message = plainMessage(error);
  const heading = title ?? (isNotFound(error) ? 'Not found' : 'That did not work');
  return (
    <div className="error" role="alert">
      {page ? <h1 className="error-title">{heading}</h1> : <strong>{heading}</strong>}
      <p>{message}</p>
      <p className="muted">{adviceFor(error)}</p>
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

/** Renders a `<mark>` highlight from the search engine as text: nothing in it can become markup. */
export function Highlight({ html, fallback }: { html: string | undefined; fallback: string }) {
  if (!html) return <>{fallback}</>;
  return (
    <>
      {highlightSegments(html).map((s, i) => (s.marked ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

export function TypeBadge({ type }: { type: string }) {
  const st = nodeTypeStyle[type as NodeType];
  return (
    <span className={`type-badge type-${type.toLowerCase()}`}>
      <span aria-hidden="true">{st?.symbol ?? '•'}</span> {labelNames[type as DirectoryLabel] ?? type}
    </span>
  );
}

export function StaleBadge({ lastVerifiedAt, stale }: { lastVerifiedAt: string | null | undefined; stale: boolean }) {
  return stale ? (
    <span className="badge badge-stale" title={`Last verified ${formatDate(lastVerifiedAt)}`}>
      ⚠ Not verified since {formatDate(lastVerifiedAt)}
    </span>
  ) : (
    <span className="badge badge-fresh">✓ Verified {formatDate(lastVerifiedAt)}</span>
  );
}

export function EntityLink({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  const seg = segments[label as DirectoryLabel];
  return seg ? <Link to={`/${seg}/${id}`}>{children}</Link> : <>{children}</>;
}

export function PageTitle({ children, sub }: { children: ReactNode; sub?: ReactNode }) {
  return (
    <div className="page-title">
      <h1>{children}</h1>
      {sub ? <p className="muted">{sub}</p> : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
