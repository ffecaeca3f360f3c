import type { PlannedMail } from '../mail/mail.repository.js';

/** What an introduction message speaks of, by name. */
export interface MailContext {
  id: string;
  requester: string;
  broker: string | null;
  target: string;
  needs: string[];
  ageBand: string;
  locality: string;
  line: string | null;
  brokerLine: string | null;
  expiresAt: string;
  publicUrl: string;
}

const about = (c: MailContext) =>
  `a child or family with these needs: ${c.needs.join(', ')} (age ${c.ageBand}, ${c.locality}).` +
  (c.line ? `\nTheir note: "${c.line}"` : '');

const linkRules = (c: MailContext) =>
  `Each link works once, only for this, until ${c.expiresAt.slice(0, 10)}. It does not sign you in.`;

/** To the broker: asked to introduce the requester to the target; the link accepts. */
export function askBroker(c: MailContext & { brokerId: string }): PlannedMail {
  return {
    toPractitionerId: c.brokerId,
    kind: 'introduction.broker',
    subject: `${c.requester} asks you to introduce them to ${c.target}`,
    text:
      `${c.requester} would like an introduction to ${c.target} about ${about(c)}\n\n` +
      `Introduce them: {link}\n\n` +
      `Decline: {declineLink}\n\n` +
      `To add a line for ${c.target}, open your Knotwork inbox: ${c.publicUrl}/introductions\n` +
      linkRules(c),
    link: { action: 'introduction.broker-accept', subjectId: c.id, expiresAt: c.expiresAt },
    declineLink: { action: 'introduction.broker-decline', subjectId: c.id, expiresAt: c.expiresAt },
  };
}

/** To the target: introduced by the broker (or asked directly); the link accepts, recording that they know each other. */
export function askTarget(c: MailContext & { targetId: string }): PlannedMail {
  const subject = c.broker ? `${c.broker} introduces ${c.requester} to you` : `${c.requester} would like to get in touch`;
  return {
    toPractitionerId: c.targetId,
    kind: 'introduction.target',
    subject,
    text:
      (c.broker ? `${c.broker} introduces ${c.requester}, who is asking about ` : `${c.requester} is asking about `) +
      `${about(c)}\n` +
      (c.brokerLine ? `${c.broker} adds: "${c.brokerLine}"\n` : '') +
      `\nAccept the introduction: {link}\n\n` +
      `Decline: {declineLink}\n\n` +
      `Or answer in your Knotwork inbox: ${c.publicUrl}/introductions\n` +
      linkRules(c),
    link: { action: 'introduction.target-accept', subjectId: c.id, expiresAt: c.expiresAt },
    declineLink: { action: 'introduction.target-decline', subjectId: c.id, expiresAt: c.expiresAt },
  };
}

/** To the requester: how the request went. */
export function tellRequester(c: MailContext & { requesterId: string }, outcome: 'brokered' | 'accepted' | 'declined'): PlannedMail {
  const subject = {
    brokered: `${c.broker} is introducing you to ${c.target}`,
    accepted: `${c.target} accepted your introduction`,
    declined: `Your introduction to ${c.target} was declined`,
  }[outcome];
  const body = {
    brokered: `${c.broker} has passed your request on to ${c.target}.`,
    accepted: `${c.target} accepted: you are now recorded as knowing each other, and paths through them use it.`,
    declined: `The request was declined. You can ask someone else on another path.`,
  }[outcome];
  return {
    toPractitionerId: c.requesterId,
    kind: `introduction.${outcome}`,
    subject,
    text: `${body}\n\nSee the request: ${c.publicUrl}/introductions`,
  };
}
