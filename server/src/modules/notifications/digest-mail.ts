import type { OutgoingMail } from '../mail/mail.repository.js';

/** One recipient's daily digest: the subjects of the mails their preferences held back, oldest first. */
export function digestMail(to: string, subjects: readonly string[], publicUrl: string): OutgoingMail {
  const n = subjects.length;
  return {
    to,
    kind: 'digest',
    subject: `Your Knotwork digest: ${n} update${n === 1 ? '' : 's'}`,
    text:
      `Since your last digest:\n\n${subjects.map((s) => `- ${s}\n`).join('')}` +
      `\nOpen Knotwork to answer: ${publicUrl}/introductions\n` +
      `Change how often Knotwork writes to you: ${publicUrl}/settings/mail`,
  };
}
