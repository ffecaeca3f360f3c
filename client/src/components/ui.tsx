import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { adviceFor, ApiError } from '../api/http';
import { labelNames, segments } from '../api/entities';
import { nodeTypeStyle, type NodeType } from '../graph/elements';
import { highlightSegments } from '../lib/highlight';
import { formatDate } from '../lib/format';
import type { DirectoryLabel } from '@knotwork/graph-schema';

export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error" role="alert">
      <strong>{title ?? (error instanceof ApiError && error.status === 404 ? 'Not found' : 'That did not work')}</strong>
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
