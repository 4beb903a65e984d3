import { OnePass } from '../util/one-pass.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Comunicado, Destination } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import type { Extension, Services } from '../service/extension.ts';
import { mediosCommand } from './commands.ts';
import { domainOf, type SenderIdentity, type UnsubscribeLinks } from './compose.ts';
import { segmentsOf } from './config.ts';
import { MediaDirectory } from './directory.ts';
import { EmailPublisher } from './publisher.ts';
import { deliveryMeta, isDue } from './record.ts';
import { MediaSender, portalOf, SendStopped } from './sender.ts';
import { EmlOutboxTransport, SmtpTransport, type MailTransport } from './transport.ts';
import { createUnsubscribeHandler, UNSUBSCRIBE_PATH } from './unsubscribe-http.ts';

export interface MediaEmailExtension extends Extension {
  directory: MediaDirectory;
  sender: MediaSender;
  /** One pass over deferred and interrupted recipients (the timer calls it; tests too). */
  followUp(): Promise<void>;
  /** Also mounted by src/main.ts through `routes`, at UNSUBSCRIBE_PATH. */
  unsubscribeHandler(req: IncomingMessage, res: ServerResponse): Promise<void>;
  unsubscribePath: string;
}

export interface MediaEmailExtensionOptions {
  /** Replaces the transport (tests that need to observe it). */
  transport?: MailTransport;
}

function isEmail(dest: string): boolean {
  return dest.startsWith('email:');
}

/** MAIL_FROM, or in a dry run the press contact (so a newcomer sees a complete message). */
function identityFrom(services: Services, dryRun: boolean): SenderIdentity | undefined {
  const { office } = services.config;
  const contact = office.pressContact;
  const mailFrom = services.env.mail.from;
  const from = mailFrom || (dryRun ? (contact?.email ? `"${office.name.replace(/["\r\n]/g, '')}" <${contact.email}>` : 'comunicados@example.invalid') : undefined);
  if (!from) return undefined;
  const domain = domainOf(from) ?? 'localhost';
  return { from, domain, ...(contact?.email ? { replyTo: { name: contact.name, address: contact.email } } : {}) };
}

function unsubscribeLinks(services: Services): UnsubscribeLinks {
  const { media, publicUrl, office } = services.config;
  const url = media.unsubscribe.url ?? (publicUrl ? `${publicUrl.replace(/\/+$/, '')}${UNSUBSCRIBE_PATH}` : undefined);
  const mailto = media.unsubscribe.mailto === false ? undefined : (media.unsubscribe.mailto ?? office.pressContact?.email);
  return { ...(url ? { url } : {}), ...(mailto ? { mailto } : {}) };
}

/**
 * Media distribution: the press list, `/medios`, the `email:*` publishers, the embargoed
 * send at approval, and the follow-up of deferred and interrupted recipients.
 *
 * Without SMTP_URL (or in console mode) every message is written as an .eml under
 * DATA_DIR/outbox/email/<id>/ instead of being sent.
 */
export function mediaEmailExtension(services: Services, options: MediaEmailExtensionOptions = {}): MediaEmailExtension {
  const { config, store, logger: rootLogger } = services;
  const logger = rootLogger.child({ module: 'media-email' });
  const segments = segmentsOf(config.media);
  const directory = new MediaDirectory(store, segments, services.now);
  const smtpUrl = services.env.mail.smtpUrl;
  const dryRun = !smtpUrl || services.registry.dryRunAll;
  const outbox = new EmlOutboxTransport(services.dataDir);
  const transport = options.transport ?? (dryRun ? outbox : new SmtpTransport(smtpUrl!));
  const sender = new MediaSender({
    store,
    directory,
    transport,
    config,
    identity: identityFrom(services, transport.dryRun),
    unsubscribe: unsubscribeLinks(services),
    dataDir: services.dataDir,
    logger,
    now: services.now,
  });

  services.registry.addResolver((dest) =>
    isEmail(dest)
      ? new EmailPublisher(dest as Destination, {
          sender,
          segments,
          timezone: config.office.timezone,
          ...(transport.dryRun && transport instanceof EmlOutboxTransport ? { outbox: transport } : {}),
          contactsCache: () => directory.snapshot(),
          now: services.now,
        })
      : undefined,
  );

  const followUps = new OnePass(() => followUpOnce());

  /** Writes the counts on the delivery and refreshes the thread's status message. */
  async function publishCounts(id: string, destination: string, note?: string): Promise<void> {
    const meta = deliveryMeta(await sender.record(id), destination);
    const c = await store.update(id, (cur) => {
      const d = cur.deliveries[destination];
      if (d) d.meta = { ...d.meta, ...meta, ...(note ? { summary: `${meta.summary} · ${note}` } : {}) };
      return cur;
    });
    await services.comunicados.onProgress(c);
  }

  async function followUpOnce(): Promise<void> {
    const now = services.now();
    for (const s of await store.list()) {
      const dests = Object.entries(s.deliveries)
        .filter(([d, state]) => isEmail(d) && state === 'done')
        .map(([d]) => d);
      if (dests.length === 0) continue;
      const record = await sender.record(s.id);
      for (const dest of dests) {
        if (!Object.values(record.recipients).some((r) => r.destination === dest && isDue(r, now))) continue;
        const c = await store.get(s.id);
        if (!c) continue;
        if (c.state === 'withdrawn' || c.state === 'rejected') {
          await sender.cancel(s.id, 'withdrawn');
          await publishCounts(s.id, dest);
          continue;
        }
        try {
          await sender.withLock(s.id, () => sender.sendDue(s.id, dest, { ...(portalOf(c) ? { portal: portalOf(c)! } : {}) }));
          await publishCounts(s.id, dest);
        } catch (err) {
          if (!(err instanceof SendStopped)) throw err;
          // The server is down or refuses us: everyone stays where they were; next tick tries again.
          logger.warn({ comunicado: s.id, destination: dest, kind: err.failure.kind }, 'media follow-up stopped');
          await publishCounts(s.id, dest, t(err.failure.kind === 'connection' ? 'media_email.followup.smtp_down' : 'media_email.followup.config'));
          return;
        }
      }
    }
  }

  /** Email deliveries of a scheduled comunicado that a restart left pending: they go out now, under embargo. */
  async function resumeEmbargoes(): Promise<void> {
    for (const s of await store.list()) {
      if (s.state !== 'scheduled') continue;
      if (!Object.entries(s.deliveries).some(([d, state]) => isEmail(d) && state === 'pending')) continue;
      services.tasks.run(`media embargo ${s.id}`, () => services.engine.run(s.id, { kinds: ['email'] }));
    }
  }

  const unsubscribeHandler = createUnsubscribeHandler({ directory, logger, office: config.office });

  const ext: MediaEmailExtension = {
    name: 'media-email',
    directory,
    sender,
    unsubscribePath: UNSUBSCRIBE_PATH,
    unsubscribeHandler,
    routes: { [UNSUBSCRIBE_PATH]: unsubscribeHandler },
    commands: { medios: mediosCommand({ directory, segments }) },

    /** Embargo: approved for later, the press gets it now; the portal and networks wait for the hour. */
    async onApproved(c: Comunicado) {
      if (c.state !== 'scheduled' || !c.content.destinations.some(isEmail)) return;
      services.tasks.run(`media embargo ${c.id}`, () => services.engine.run(c.id, { kinds: ['email'] }));
    },

    async onWithdrawn(c: Comunicado) {
      if (!Object.keys(c.deliveries).some(isEmail)) return;
      await sender.cancel(c.id, 'withdrawn');
      for (const dest of Object.keys(c.deliveries).filter(isEmail)) await publishCounts(c.id, dest);
    },

    followUp(): Promise<void> {
      return followUps.run();
    },

    async start() {
      await directory.all(); // loads the list for the approval previews
      await resumeEmbargoes();
      services.tasks.run('media follow-up', () => ext.followUp());
      followUps.every(config.media.retry.checkEverySeconds * 1000, () => {
        void ext.followUp().catch((err) => logger.error({ err }, 'media follow-up failed'));
      });
    },

    async stop() {
      await followUps.stop();
      sender.close();
    },

    health() {
      const contacts = directory.snapshot();
      return { dryRun: transport.dryRun, contacts: contacts.length, active: contacts.filter((c) => c.status === 'active').length };
    },
  };
  return ext;
}
