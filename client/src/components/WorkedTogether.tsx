import type { CollaborationKind, WorkedTogether } from '@knotwork/graph-schema';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  useAnswerCollaboration,
  useMarkRead,
  useNotifications,
  useRecordWorkedTogether,
  useUnconfirmed,
} from '../api/notifications';
import { ErrorMessage } from './ui';

const KINDS: Array<[CollaborationKind, string]> = [
  ['tac-meeting', 'TAC meeting'],
  ['joint-visit', 'Joint visit'],
  ['referral', 'Referral'],
  ['consultation', 'Consultation'],
];

type Party = { id: string; name: string };

/**
 * "We worked together" in two clicks: the button opens a short form with the partner(s), today's date and a TAC
 * meeting already chosen; "Record" sends it. The partners confirm or dispute it before it counts as evidence.
 */
export function WorkedTogetherButton({ partners, needs = [] }: { partners: Party[]; needs?: string[] }) {
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [kind, setKind] = useState<CollaborationKind>('tac-meeting');
  const record = useRecordWorkedTogether();
  const names = partners.map((p) => p.name).join(', ');
  if (record.isSuccess) {
    return (
      <p className="ok" role="status">
        Recorded. {names} {partners.length > 1 ? 'are' : 'is'} asked to confirm; until then it is shown as unconfirmed.{' '}
        <Link to="/introductions#worked-together">See your records</Link>
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        We worked together
      </button>
    );
  }
  return (
    <form
      className="card worked-together"
      aria-label={`We worked together with ${names}`}
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate({ partners: partners.map((p) => p.id), on, kind, needs });
      }}
    >
      <p>
        <strong>With {names}</strong>
      </p>
      <div className="row">
        <div>
          <label htmlFor="wt-kind">Kind</label>
          <select id="wt-kind" value={kind} onChange={(e) => setKind(e.target.value as CollaborationKind)}>
            {KINDS.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="wt-on">Date</label>
          <input id="wt-on" type="date" value={on} onChange={(e) => setOn(e.target.value)} />
        </div>
      </div>
      <p className="muted small">No child data: only who, when and what kind of work.</p>
      {record.error ? <ErrorMessage error={record.error} /> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={record.isPending}>
          Record
        </button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const STATE_WORDS = { confirmed: 'confirmed', awaiting: 'not confirmed yet', disputed: 'disputed' } as const;

function Record({ c, me }: { c: WorkedTogether; me: string }) {
  const answer = useAnswerCollaboration();
  const mine = c.participants.find((p) => p.id === me);
  return (
    <li className="card" data-testid="worked-together">
      <p>
        <strong>{KINDS.find(([k]) => k === c.kind)?.[1] ?? 'Joint work'}</strong> on {c.startedOn} with{' '}
        {c.participants
          .filter((p) => p.id !== me)
          .map((p) => `${p.name} (${STATE_WORDS[p.state]})`)
          .join(', ')}
      </p>
      <p className={`status status-${c.confirmation}`}>
        {c.confirmation === 'disputed'
          ? 'Disputed: not counted as evidence'
          : 'Unconfirmed: not counted as evidence yet'}
      </p>
      {mine?.state === 'awaiting' ? (
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={answer.isPending}
            onClick={() => answer.mutate({ id: c.id, answer: 'confirm' })}
          >
            Confirm
          </button>
          <button
            type="button"
            disabled={answer.isPending}
            onClick={() => answer.mutate({ id: c.id, answer: 'dispute' })}
          >
            Dispute
          </button>
        </div>
      ) : null}
      {answer.error ? <ErrorMessage error={answer.error} /> : null}
    </li>
  );
}

/** Worked-together records that are not evidence yet: to confirm or dispute, or waiting for partners. */
export function UnconfirmedRecords({ me }: { me: string }) {
  const list = useUnconfirmed();
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="worked-together" className="worked-together-list">
      <h2 id="worked-together">Worked together, not confirmed yet</h2>
      {list.isError ? <ErrorMessage error={list.error} /> : null}
      {list.data && !items.length ? (
        <p className="muted">Nothing waiting: every record you are in is confirmed.</p>
      ) : null}
      <ul className="intro-list">
        {items.map((c) => (
          <Record key={c.id} c={c} me={me} />
        ))}
      </ul>
    </section>
  );
}

/** The header bell: unread count, and a list of the latest notifications; opening one marks it read. */
export function NotificationsBell() {
  const list = useNotifications();
  const mark = useMarkRead();
  const [open, setOpen] = useState(false);
  const n = list.data?.unread ?? 0;
  return (
    <div className="bell-box">
      <button
        type="button"
        className="bell"
        aria-expanded={open}
        aria-controls="notifications"
        aria-label={`Notifications: ${n} unread`}
        data-testid="bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M6 16V11a6 6 0 1 1 12 0v5l2 2H4z" />
          <path d="M10 20a2 2 0 0 0 4 0" />
        </svg>
        {n > 0 ? <span className="badge">{n}</span> : null}
      </button>
      {open ? (
        <div id="notifications" className="card notifications" role="region" aria-label="Notifications">
          {list.data?.items.length ? (
            <ul>
              {list.data.items.slice(0, 20).map((x) => (
                <li key={x.id} className={x.readAt ? 'read' : 'unread'}>
                  <Link
                    to={x.link}
                    onClick={() => {
                      if (!x.readAt) mark.mutate(x.id);
                      setOpen(false);
                    }}
                  >
                    {x.readAt ? null : <span className="visually-hidden">Unread: </span>}
                    {x.text}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No notifications yet.</p>
          )}
          {n > 0 ? (
            <button type="button" className="link-button" onClick={() => mark.mutate('all')}>
              Mark all read
            </button>
          ) : null}
          <p className="small">
            <Link to="/settings/mail" onClick={() => setOpen(false)}>
              Mail settings
            </Link>
          </p>
        </div>
      ) : null}
    </div>
  );
}
