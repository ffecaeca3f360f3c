import { LocalitySelect } from '../components/LocalitySelect';
import type { AgeBand, Introduction } from '@knotwork/graph-schema';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useEntityList } from '../api/entities';
import { ApiError } from '../api/http';
import {
  awaitingMe,
  useAnswerIntroduction,
  useIntroductions,
  useRequestIntroduction,
  useWithdrawIntroduction,
} from '../api/introductions';
import { Empty, ErrorMessage, Loading } from '../components/ui';
import { formatDate } from '../lib/format';
import { useMe } from '../api/auth';
import { UnconfirmedRecords } from '../components/WorkedTogether';

const AGE_BANDS: AgeBand[] = ['0-4', '5-10', '11-15', '16-18', '19-25'];

const STATUS_WORDS: Record<Introduction['status'], string> = {
  'awaiting-broker': 'Waiting for the broker',
  'awaiting-target': 'Waiting for the person to be introduced',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

type Party = { id: string; name: string };

/** "Ask <broker> to introduce me to <target>": the note holds need codes, age band and locality only. */
export function AskIntroduction({ broker, target }: { broker: Party | null; target: Party }) {
  const [open, setOpen] = useState(false);
  const needs = useEntityList('Need', { limit: 200 }, open);
  const ask = useRequestIntroduction();
  const [chosen, setChosen] = useState<string[]>([]);
  const [ageBand, setAgeBand] = useState<AgeBand | ''>('');
  const [locality, setLocality] = useState('');
  const [line, setLine] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const label = broker ? `Ask ${broker.name} to introduce me` : `Ask ${target.name} to get in touch`;

  if (ask.isSuccess) {
    return (
      <p className="ok" role="status">
        Sent.{' '}
        {broker ? `${broker.name} will be asked to introduce you to ${target.name}.` : `${target.name} has been asked.`}{' '}
        <Link to="/introductions">See your introductions</Link>
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen.length) return setFormError('Choose at least one need.');
    if (!ageBand) return setFormError('Choose the age band.');
    if (!locality) return setFormError('Choose the locality.');
    setFormError(null);
    ask.mutate({
      target: target.id,
      ...(broker ? { broker: broker.id } : {}),
      note: { needs: chosen, ageBand, locality, ...(line.trim() ? { line: line.trim() } : {}) },
    });
  };
  const serverError = ask.error instanceof ApiError ? ask.error : null;
  return (
    <form className="card ask-intro" onSubmit={submit} aria-label={label}>
      <h3>{label}</h3>
      <p className="muted small">
        Say what the need is, never who the child is: no names, dates of birth or NHS numbers. Knotwork refuses text
        that looks like them.
      </p>
      <fieldset>
        <legend>Needs</legend>
        <div className="need-choices">
          {needs.isLoading ? <Loading what="Loading needs" /> : null}
          {(needs.data?.items ?? []).map((n) => (
            <div key={n.id} className="check">
              <input
                id={`ask-need-${n.id}`}
                type="checkbox"
                checked={chosen.includes(n.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, n.id] : chosen.filter((c) => c !== n.id))}
              />
              <label htmlFor={`ask-need-${n.id}`}>{String(n.name)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <div>
          <label htmlFor="ask-age">Age band</label>
          <select id="ask-age" value={ageBand} onChange={(e) => setAgeBand(e.target.value as AgeBand)}>
            <option value="">Choose…</option>
            {AGE_BANDS.map((b) => (
              <option key={b} value={b}>
                {b} years
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ask-locality">Locality</label>
          <LocalitySelect id="ask-locality" value={locality} onChange={setLocality} enabled={open} />
        </div>
      </div>
      <label htmlFor="ask-line">One line about the need (optional)</label>
      <input id="ask-line" type="text" maxLength={280} value={line} onChange={(e) => setLine(e.target.value)} />
      {formError ? (
        <p className="field-error" role="alert">
          {formError}
        </p>
      ) : null}
      {serverError ? (
        <p className="field-error" role="alert">
          {serverError.fieldErrors['note.line']
            ? `That line ${serverError.fieldErrors['note.line']}`
            : serverError.message}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={ask.isPending}>
          Send the request
        </button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RequestCard({ r }: { r: Introduction }) {
  const answer = useAnswerIntroduction();
  const withdraw = useWithdrawIntroduction();
  const [line, setLine] = useState('');
  const mine = awaitingMe([r]).length > 0;
  const open = r.status === 'awaiting-broker' || r.status === 'awaiting-target';
  const who =
    r.myRole === 'requester'
      ? `You asked ${r.broker ? `${r.broker.name} to introduce you to ` : ''}${r.target.name}`
      : r.myRole === 'broker'
        ? `${r.requester.name} asks you to introduce them to ${r.target.name}`
        : `${r.broker ? `${r.broker.name} introduces ` : ''}${r.requester.name}${r.broker ? '' : ' would like to get in touch'}`;
  return (
    <li className="card intro" data-testid="introduction">
      <p>
        <strong>{who}</strong>
      </p>
      <p className="muted small">
        {r.note.needs.map((n) => n.name).join(', ')} · age {r.note.ageBand} · {r.note.locality.name}
        {r.note.line ? ` · “${r.note.line}”` : ''}
      </p>
      {r.brokerLine ? (
        <p className="small">
          {r.broker?.name} adds: “{r.brokerLine}”
        </p>
      ) : null}
      <p className={`status status-${r.status}`}>
        {STATUS_WORDS[r.status]}
        {open ? <span className="muted small"> · expires {formatDate(r.expiresAt)}</span> : null}
      </p>
      {mine ? (
        <div className="row">
          {r.myRole === 'broker' ? (
            <>
              <label htmlFor={`line-${r.id}`} className="visually-hidden">
                A line for {r.target.name} (optional)
              </label>
              <input
                id={`line-${r.id}`}
                type="text"
                placeholder={`A line for ${r.target.name} (optional)`}
                value={line}
                maxLength={280}
                onChange={(e) => setLine(e.target.value)}
              />
            </>
          ) : null}
          <button
            type="button"
            className="primary"
            disabled={answer.isPending}
            onClick={() => answer.mutate({ id: r.id, as: r.myRole as 'broker' | 'target', decision: 'accept', line })}
          >
            {r.myRole === 'broker' ? 'Introduce them' : 'Accept'}
          </button>
          <button
            type="button"
            disabled={answer.isPending}
            onClick={() => answer.mutate({ id: r.id, as: r.myRole as 'broker' | 'target', decision: 'decline' })}
          >
            Decline
          </button>
        </div>
      ) : null}
      {r.myRole === 'requester' && open ? (
        <button
          type="button"
          className="link-button"
          disabled={withdraw.isPending}
          onClick={() => withdraw.mutate(r.id)}
        >
          Withdraw
        </button>
      ) : null}
      {answer.error ? <ErrorMessage error={answer.error} /> : null}
      {withdraw.error ? <ErrorMessage error={withdraw.error} /> : null}
    </li>
  );
}

/** The inbox: requests waiting for my answer first, then everything I am party to. */
export default function IntroductionsPage() {
  const list = useIntroductions();
  const me = useMe();
  const items = list.data?.items ?? [];
  const waiting = awaitingMe(items);
  const rest = items.filter((i) => !waiting.includes(i));
  return (
    <div className="page introductions">
      <h1>Introductions</h1>
      <p className="muted">
        Requests you asked, are asked to broker, or are asked to accept. Only the people named in a request can see it.
      </p>
      {list.isLoading ? <Loading what="Loading your introductions" /> : null}
      {list.isError ? <ErrorMessage error={list.error} /> : null}
      {list.data && !items.length ? (
        <Empty>No introduction requests yet. Ask for one from a path on someone’s profile.</Empty>
      ) : null}
      {waiting.length ? (
        <section aria-labelledby="waiting-title">
          <h2 id="waiting-title">Waiting for your answer</h2>
          <ul className="intro-list">
            {waiting.map((r) => (
              <RequestCard key={r.id} r={r} />
            ))}
          </ul>
        </section>
      ) : null}
      {rest.length ? (
        <section aria-labelledby="all-title">
          <h2 id="all-title">All requests</h2>
          <ul className="intro-list">
            {rest.map((r) => (
              <RequestCard key={r.id} r={r} />
            ))}
          </ul>
        </section>
      ) : null}
      {me.data?.practitionerId ? <UnconfirmedRecords me={me.data.practitionerId} /> : null}
    </div>
  );
}
