import { z } from 'zod';

/**
 * In-app notifications (issue 16): one per event a practitioner should hear of — introduction requests,
 * acceptances and declines, worked-together records to confirm, confirmations and disputes, saved teams shared,
 * profile reminders — written in the same transaction as the event, so nothing depends on email.
 */
export const NotificationKind = z
  .string()
  .describe('introduction.broker, introduction.target, introduction.accepted, collaboration.recorded, …');

export const Notification = z.object({
  id: z.uuid(),
  kind: NotificationKind,
  text: z.string().describe('One line naming people and needs, never the child'),
  link: z.string().describe('Where in the client the event can be acted on, e.g. /introductions'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({
  items: z.array(Notification),
  unread: z.number().int().min(0),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationIdParams = z.object({ id: z.uuid() });

/** Mail preferences: each kind of event on or off, sent at once or gathered in a daily digest. */
export const MailEventKind = z
  .enum(['introductions', 'collaborations', 'teams', 'reminders'])
  .describe(
    'introductions: requests and their answers; collaborations: worked-together records to confirm, confirmations, disputes; teams: saved teams shared with you; reminders: profile verification reminders',
  );
export type MailEventKind = z.infer<typeof MailEventKind>;

export const MailDelivery = z
  .enum(['immediate', 'digest', 'off'])
  .describe('immediate: one mail per event; digest: one mail a day listing them; off: in-app only');
export type MailDelivery = z.infer<typeof MailDelivery>;

export const MailPreferences = z.object({
  introductions: MailDelivery,
  collaborations: MailDelivery,
  teams: MailDelivery,
  reminders: MailDelivery,
});
export type MailPreferences = z.infer<typeof MailPreferences>;

export const DEFAULT_MAIL_PREFERENCES: MailPreferences = {
  introductions: 'immediate',
  collaborations: 'immediate',
  teams: 'immediate',
  reminders: 'immediate',
};

export const MailPreferencesPatch = MailPreferences.partial();
