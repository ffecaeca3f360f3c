import type { PlannedMail } from '../mail/mail.repository.js';

const KIND_WORDS: Record<string, string> = {
  'tac-meeting': 'a TAC meeting',
  'joint-visit': 'a joint visit',
  referral: 'a referral',
  consultation: 'a consultation',
};

const CONFIRM_DAYS = 30;

/** To each partner named: someone recorded that you worked together; the link confirms, the app can dispute. */
export function askPartner(c: {
  id: string;
  partnerId: string;
  recorder: string;
  kind: string;
  on: string;
  needs: string[];
  publicUrl: string;
  now: Date;
}): PlannedMail {
  const expiresAt = new Date(c.now.getTime() + CONFIRM_DAYS * 86_400_000).toISOString();
  return {
    toPractitionerId: c.partnerId,
    kind: 'collaboration.recorded',
    subject: `${c.recorder} recorded that you worked together: please confirm`,
    text:
      `${c.recorder} recorded ${KIND_WORDS[c.kind] ?? c.kind} with you on ${c.on}` +
      (c.needs.length ? ` about ${c.needs.join(', ')}` : '') +
      `.\nIt counts as evidence of your joint work only once you confirm it.\n\n` +
      `Confirm: {link}\n\n` +
      `If it is not right, dispute it in Knotwork: ${c.publicUrl}/introductions#worked-together\n` +
      `The link works once, only for this, until ${expiresAt.slice(0, 10)}. It does not sign you in.`,
    link: { action: 'collaboration.confirm', subjectId: c.id, expiresAt },
    appLink: '/introductions#worked-together',
  };
}

/** To the other participants: a partner confirmed or disputed the record. */
export function tellParticipant(c: {
  toId: string;
  who: string;
  state: 'confirmed' | 'disputed';
  kind: string;
  on: string;
  publicUrl: string;
}): PlannedMail {
  const what = `${KIND_WORDS[c.kind] ?? c.kind} on ${c.on}`;
  return {
    toPractitionerId: c.toId,
    kind: `collaboration.${c.state}`,
    subject: c.state === 'confirmed' ? `${c.who} confirmed ${what}` : `${c.who} disputed ${what}`,
    text:
      (c.state === 'confirmed'
        ? `${c.who} confirmed that you worked together (${what}).`
        : `${c.who} disputed the record of ${what}: it does not count as evidence.`) +
      `\n\nSee it: ${c.publicUrl}/introductions#worked-together`,
    appLink: '/introductions#worked-together',
  };
}
