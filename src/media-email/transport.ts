import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { t } from '../messages/index.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';

/** What the receiving server said when it took the message. */
export interface SendAccepted {
  /** SMTP reply (e.g. `250 2.0.0 OK queued as 4F2A1`), or the dry-run note. */
  response: string;
  /** Dry run: the .eml file written. */
  file?: string;
}

/**
 * How a message goes out: SMTP (nodemailer, SMTP_URL) or, without SMTP_URL, an .eml
 * file under DATA_DIR/outbox/email/. Both build the message with the same nodemailer
 * composer, so the dry run shows exactly what would be sent.
 */
export interface MailTransport {
  readonly dryRun: boolean;
  send(mail: SendMailOptions, meta: { comunicado: string; seq: number; email: string }): Promise<SendAccepted>;
  /** Connects and authenticates without sending (for /cuentas-like checks). */
  verify(): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer with one pooled connection: messages go one after another on
 * the same session (RSET between them), which mail servers treat better than hundreds of
 * parallel connections. The URL carries the credentials: it is never logged.
 */
export class SmtpTransport implements MailTransport {
  readonly dryRun = false;
  private readonly transporter: Transporter;

  constructor(smtpUrl: string, options: { connectionTimeoutMs?: number } = {}) {
    this.transporter = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 1,
      maxMessages: 200,
      connectionTimeout: options.connectionTimeoutMs ?? 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 120_000,
      logger: false,
      debug: false,
    });
  }

  async send(mail: SendMailOptions): Promise<SendAccepted> {
    const info = (await this.transporter.sendMail(mail)) as { response?: string };
    return { response: String(info.response ?? '250') };
  }

  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  close(): void {
    this.transporter.close();
  }
}

/** Filesystem-safe, readable name for an .eml: `007-maria.perez_at_elnuevodia.com.eml`. */
export function emlName(seq: number, email: string): string {
  const safe = email.replace('@', '_at_').replace(/[^a-z0-9._-]/gi, '_').slice(0, 80);
  return `${String(seq).padStart(3, '0')}-${safe}.eml`;
}

/** Dry run: each message is written as an .eml a person can open in any mail client. */
export class EmlOutboxTransport implements MailTransport {
  readonly dryRun = true;
  private readonly transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(private readonly dataDir: string) {}

  /** Folder of one comunicado's messages: DATA_DIR/outbox/email/<id>/. */
  folder(comunicado: string): string {
    return join(this.dataDir, 'outbox', 'email', comunicado);
  }

  async send(mail: SendMailOptions, meta: { comunicado: string; seq: number; email: string }): Promise<SendAccepted> {
    const info = await this.transporter.sendMail(mail);
    const dir = this.folder(meta.comunicado);
    await mkdir(dir, { recursive: true });
    const file = join(dir, emlName(meta.seq, meta.email));
    await writeFileAtomic(file, info.message as Buffer);
    return { response: t('media_email.transport.dry_run_eml'), file };
  }

  async verify(): Promise<void> {}

  close(): void {}
}

/** What a failed send means for the recipient and for the whole send. */
export type SmtpFailure =
  /** 4xx for this message: try again later (greylisting, mailbox busy, rate limit). */
  | { kind: 'deferred'; code: number; reply: string }
  /** 5xx for this recipient or message: do not retry; the contact is marked failing. */
  | { kind: 'refused'; code: number; reply: string }
  /** Our server refused us (credentials, sender address): nothing can go out until fixed. */
  | { kind: 'config'; code: number | undefined; reply: string; auth: boolean }
  /** The connection failed before the server accepted anything: retry the send later. */
  | { kind: 'connection'; reply: string };

type NodemailerLikeError = { code?: string; responseCode?: number; response?: string; command?: string; message?: string };

/**
 * Classifies a nodemailer error by the SMTP reply and the command it answered. A 5xx to
 * MAIL FROM or AUTH is about us, not about the journalist: it must never mark a contact
 * failing. 503 (bad sequence) is a session problem, so it counts as deferred.
 */
export function classifySmtpError(err: unknown): SmtpFailure {
  const e = (err ?? {}) as NodemailerLikeError;
  const reply = String(e.response ?? e.message ?? 'error').replace(/\s+/g, ' ').slice(0, 300);
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = String(e.command ?? '').toUpperCase();
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || command.startsWith('AUTH') || code === 530 || code === 535 || code === 534) {
    return { kind: 'config', code, reply, auth: true };
  }
  if (code === undefined) {
    // An address nodemailer itself refuses never reaches the server: the address is bad.
    if (e.code === 'EENVELOPE' && command === 'API') return { kind: 'refused', code: 553, reply };
    return { kind: 'connection', reply };
  }
  if (command === 'MAIL FROM' && code >= 500) return { kind: 'config', code, reply, auth: false };
  if (code >= 400 && code < 500) return { kind: 'deferred', code, reply };
  if (code === 503) return { kind: 'deferred', code, reply };
  if (code >= 500) return { kind: 'refused', code, reply };
  return { kind: 'connection', reply };
}
