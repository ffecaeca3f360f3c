import { MailDelivery, MailEventKind } from '@knotwork/graph-schema';
import { useMailPreferences, useSetMailPreferences } from '../api/notifications';
import { ErrorMessage, Loading } from '../components/ui';

const KIND_NAMES: Record<MailEventKind, string> = {
  introductions: 'Introduction requests and their answers',
  collaborations: 'Worked-together records to confirm, confirmations and disputes',
  teams: 'Teams shared with you',
  reminders: 'Reminders to check your profile',
};
const DELIVERY_NAMES: Record<MailDelivery, string> = {
  immediate: 'A mail for each',
  digest: 'One mail a day listing them',
  off: 'No mail (in Knotwork only)',
};

/** Where the digest and reminder mails send people: how Knotwork mails them, per kind of event. */
export default function MailSettingsPage() {
  const prefs = useMailPreferences();
  const save = useSetMailPreferences();
  return (
    <div>
      <h1>Mail from Knotwork</h1>
      <p className="muted">Whatever you choose, everything still shows under the bell in Knotwork.</p>
      {prefs.isLoading ? <Loading what="Loading your mail settings" /> : null}
      {prefs.isError ? <ErrorMessage error={prefs.error} /> : null}
      {save.isError ? <ErrorMessage error={save.error} title="Not saved" /> : null}
      {prefs.data ? (
        <div className="card">
          {MailEventKind.options.map((kind) => (
            <div key={kind}>
              <label htmlFor={`mail-${kind}`}>{KIND_NAMES[kind]}</label>
              <select
                id={`mail-${kind}`}
                value={prefs.data[kind]}
                disabled={save.isPending}
                onChange={(e) => save.mutate({ [kind]: e.target.value as MailDelivery })}
              >
                {MailDelivery.options.map((d) => (
                  <option key={d} value={d}>
                    {DELIVERY_NAMES[d]}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {save.isSuccess ? <p role="status">Saved.</p> : null}
        </div>
      ) : null}
    </div>
  );
}
