/** Signs in to a running Knotwork API over HTTP; returns the session cookie ("knotwork_session=…"). */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-knotwork-csrf': '1' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().find((c) => c.startsWith('knotwork_session='))!.split(';')[0]!;
}
