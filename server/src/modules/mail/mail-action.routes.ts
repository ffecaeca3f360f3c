import type { SessionUser } from '@knotwork/graph-schema';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { createIntroductionRepository } from '../introductions/introduction.repository.js';
import { createIntroductionService } from '../introductions/introduction.service.js';
import { createWorkedTogetherRepository } from '../collaborations/worked-together.repository.js';
import { createWorkedTogetherService } from '../collaborations/worked-together.service.js';
import { createReminderRepository } from '../notifications/reminder.repository.js';
import { createMailRepository, type MailAction } from './mail.repository.js';

const WORDS: Record<MailAction, { ask: string; button: string; done: string }> = {
  'introduction.broker-accept': {
    ask: 'Introduce them: the request goes on to the person they asked to meet.',
    button: 'Introduce them',
    done: 'Done: the introduction has gone on. Thank you.',
  },
  'introduction.target-accept': {
    ask: 'Accept the introduction: you will be recorded as knowing each other.',
    button: 'Accept the introduction',
    done: 'Done: you are now recorded as knowing each other.',
  },
  'introduction.broker-decline': {
    ask: 'Decline: the practitioner who asked is told, and can ask someone else.',
    button: 'Decline the request',
    done: 'Done: the request was declined.',
  },
  'introduction.target-decline': {
    ask: 'Decline the introduction: the practitioner who asked is told.',
    button: 'Decline the introduction',
    done: 'Done: the introduction was declined.',
  },
  'collaboration.confirm': {
    ask: 'Confirm that you worked together: the record then counts as evidence of your joint work.',
    button: 'Confirm we worked together',
    done: 'Done: you confirmed the record.',
  },
  'profile.still-right': {
    ask: 'Your profile is still right: it is marked as checked today.',
    button: 'Still right',
    done: 'Done: your profile is marked as checked today. Thank you.',
  },
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (reply: FastifyReply, status: number, title: string, body: string) =>
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Knotwork</title>` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
        `<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">` +
        `<h1>${escape(title)}</h1>${body}</body></html>`,
    );

const Params = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

/**
 * /mail-actions/:token — the one-click links in mail. GET shows what the link will do with one button (so a mail
 * scanner that opens links changes nothing); POST does that one action, once, as the practitioner the link was
 * sent to. The token grants nothing else: no session, no other request, no other action. Outside /api: the
 * token, not a session cookie, authorizes it, and a plain HTML form cannot send the client's CSRF header.
 */
const mailActionRoutes: FastifyPluginAsync = async (app) => {
  const mail = createMailRepository(app.db);
  const introductions = createIntroductionService(createIntroductionRepository(app.db, app.mail.publicUrl), {
    publicUrl: app.mail.publicUrl,
  });
  const collaborations = createWorkedTogetherService(createWorkedTogetherRepository(app.db, app.mail.publicUrl));
  const reminders = createReminderRepository(app.db, app.mail.publicUrl);
  // The page's form posts an empty urlencoded body.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, _body, done) =>
    done(null, {}),
  );

  const gone = (reply: FastifyReply) =>
    page(
      reply,
      410,
      'This link no longer works',
      '<p>It was used already or has expired. Open Knotwork to see the request.</p>',
    );

  app.get('/mail-actions/:token', async (request, reply) => {
    const parsed = Params.safeParse(request.params);
    if (!parsed.success) return gone(reply);
    const token = await mail.token(parsed.data.token);
    if (!token || token.usedAt || token.expiresAt <= new Date().toISOString()) return gone(reply);
    const words = WORDS[token.action];
    return page(
      reply,
      200,
      words.button,
      `<p>${escape(words.ask)}</p><form method="post"><button type="submit" style="font-size: 1.1rem; padding: .5rem 1rem">${escape(words.button)}</button></form>`,
    );
  });

  app.post('/mail-actions/:token', async (request, reply) => {
    const parsed = Params.safeParse(request.params);
    if (!parsed.success) return gone(reply);
    const token = await mail.token(parsed.data.token);
    if (!token || !(await mail.useToken(parsed.data.token, new Date().toISOString()))) return gone(reply);
    const actor = await actorFor(token.practitionerId);
    try {
      switch (token.action) {
        case 'introduction.broker-accept':
        case 'introduction.broker-decline':
          await introductions.answerAsBroker(
            token.subjectId,
            { decision: token.action.endsWith('accept') ? 'accept' : 'decline' },
            actor,
          );
          break;
        case 'introduction.target-accept':
        case 'introduction.target-decline':
          await introductions.answerAsTarget(
            token.subjectId,
            { decision: token.action.endsWith('accept') ? 'accept' : 'decline' },
            actor,
          );
          break;
        case 'collaboration.confirm':
          await collaborations.confirm(token.subjectId, actor);
          break;
        case 'profile.still-right':
          if (token.subjectId !== token.practitionerId || !(await reminders.stillRight(token.practitionerId, actor)))
            return gone(reply);
          break;
      }
    } catch (err) {
      if (err instanceof AppError && err.statusCode < 500) {
        return page(reply, err.statusCode === 409 ? 409 : 410, 'Nothing was changed', `<p>${escape(err.message)}.</p>`);
      }
      throw err;
    }
    return page(
      reply,
      200,
      'Done',
      `<p>${escape(WORDS[token.action].done)}</p><p><a href="${token.action === 'profile.still-right' ? `/practitioners/${escape(token.practitionerId)}` : '/introductions'}">Open Knotwork</a></p>`,
    );
  });

  /** Who the link acts as: the practitioner it was sent to (through their account, for the audit log, if any). */
  async function actorFor(practitionerId: string): Promise<SessionUser> {
    const row = await createMailRepository(app.db).recipientAccount(practitionerId);
    return {
      id: (row?.userId as string | null) ?? practitionerId,
      email: (row?.email as string | null) ?? (row?.workEmail as string | null) ?? 'mail link',
      role: 'practitioner',
      practitionerId,
      practitionerName: (row?.name as string | null) ?? null,
    };
  }
};

export default mailActionRoutes;
