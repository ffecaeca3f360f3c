/** The Mailpit that `npm test` starts (MAILPIT_URL): its HTTP API, for tests that check mail arrived. */
export interface CapturedMail {
  id: string;
  to: string[];
  subject: string;
  text: string;
}

const base = () => {
  const url = process.env.MAILPIT_URL;
  if (!url) throw new Error('MAILPIT_URL is not set: run the tests with npm test, which starts Mailpit');
  return url;
};

/** Messages to `address`, newest first. */
export async function mailTo(address: string): Promise<CapturedMail[]> {
  const res = await fetch(`${base()}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=50`);
  if (!res.ok) throw new Error(`Mailpit search answered ${res.status}`);
  const body = (await res.json()) as { messages: Array<{ ID: string }> };
  return Promise.all(
    body.messages.map(async ({ ID }) => {
      const m = (await (await fetch(`${base()}/api/v1/message/${ID}`)).json()) as {
        ID: string;
        To: Array<{ Address: string }>;
        Subject: string;
        Text: string;
      };
      return { id: m.ID, to: m.To.map((t) => t.Address), subject: m.Subject, text: m.Text };
    }),
  );
}

/** Waits until `count` messages to `address` have arrived (Mailpit stores them a moment after SMTP accepts). */
export async function waitForMail(address: string, count = 1, timeoutMs = 10_000): Promise<CapturedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await mailTo(address);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The one-click link in a message (path only, to call through app.inject). */
export function actionPath(text: string): string {
  const match = /https?:\/\/[^\s/]+(\/mail-actions\/[A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no action link in:\n${text}`);
  return match[1]!;
}
