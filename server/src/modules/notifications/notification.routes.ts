import {
  ErrorBody,
  MailPreferences,
  MailPreferencesPatch,
  NotificationIdParams,
  NotificationList,
} from '@knotwork/graph-schema';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/app/auth.js';
import { STALE_AFTER_DAYS } from '../../search/search-document.js';
import { createNotificationRepository } from './notification.repository.js';
import { createReminderRepository } from './reminder.repository.js';
import { createNotificationService } from './notification.service.js';

const DAY_MS = 86_400_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** The notification service, for the daily jobs (and tests that run them). */
    notifications: ReturnType<typeof createNotificationService>;
  }
}

/**
 * /api/notifications: the bell's list (newest first, with the unread count), mark one or all read;
 * /api/me/mail-preferences: each kind of event on or off, at once or in a daily digest. The daily jobs (digest,
 * stale-profile reminders) run from the process that sends mail.
 */
const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createNotificationService(
    createNotificationRepository(app.db, app.mail.publicUrl),
    createReminderRepository(app.db, app.mail.publicUrl),
    { staleAfterDays: STALE_AFTER_DAYS },
  );
  app.decorate('notifications', service);

  let daily: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    if (!app.mail.worker) return;
    daily = setInterval(
      () => void service.runDaily().catch((err) => app.log.warn({ err }, 'daily digest / reminder job failed')),
      DAY_MS,
    );
    daily.unref();
  });
  app.addHook('onClose', async () => {
    if (daily) clearInterval(daily);
  });

  app.get(
    '/api/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listNotifications',
        tags: ['notifications'],
        summary: "The signed-in practitioner's notifications, newest first, with how many are unread",
        response: { 200: NotificationList, 401: ErrorBody },
      },
    },
    async (request) => service.list(requireUser(request)),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'readNotification',
        tags: ['notifications'],
        summary: 'Mark one of your notifications read',
        params: NotificationIdParams,
        response: { 200: NotificationList, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => service.markRead(request.params.id, requireUser(request)),
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'readAllNotifications',
        tags: ['notifications'],
        summary: 'Mark all your notifications read',
        response: { 200: NotificationList, 401: ErrorBody },
      },
    },
    async (request) => service.markAllRead(requireUser(request)),
  );

  app.get(
    '/api/me/mail-preferences',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getMailPreferences',
        tags: ['notifications'],
        summary: 'How Knotwork mails you about each kind of event',
        response: { 200: MailPreferences, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => service.preferences(requireUser(request)),
  );

  app.put(
    '/api/me/mail-preferences',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'setMailPreferences',
        tags: ['notifications'],
        summary: 'Change how Knotwork mails you (each kind: immediate, digest or off); in-app notifications stay',
        body: MailPreferencesPatch,
        response: { 200: MailPreferences, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => service.setPreferences(requireUser(request), request.body),
  );
};

export default fp(notificationRoutes, { name: 'notifications', dependencies: ['mail'] });
