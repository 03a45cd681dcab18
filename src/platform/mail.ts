/**
 * Outgoing e-mail on nodemailer (decision 0021), configured by SMTP_URL and MAIL_FROM. Without
 * SMTP_URL sending is refused with MailNotConfiguredError (a Swedish message on the page, 503 on
 * the API), never silently dropped. Nothing here logs an address, a subject or a body: a message
 * may carry a personal survey link.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "./config.ts";
import { AppError } from "./errors.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /**
   * An iCalendar invitation (text/calendar; method=…) sent beside the text, which calendar
   * programs show as an invitation, an update or a cancellation.
   */
  calendar?: { method: "REQUEST" | "CANCEL" | "PUBLISH"; content: string; filename?: string };
}

export interface Mailer {
  /** Whether SMTP_URL is set; the pages say so before anyone presses "send". */
  readonly configured: boolean;
  /** Sends one message; resolves when the SMTP server accepted it, rejects (MailSendError) when it did not. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** SMTP_URL is not set: e-mail cannot be sent from this installation. */
export class MailNotConfiguredError extends AppError {
  constructor() {
    super(503, "mail.notConfigured");
  }
}

/**
 * The SMTP server did not take a message. Its text is the server's answer code only (no address,
 * no content), so that it may be logged.
 */
export class MailSendError extends Error {
  constructor(readonly code: string) {
    super(`mail not accepted (${code})`);
  }

  /** The server could not be reached or dropped the connection (no SMTP answer code): the next message will fare no better. */
  get unreachable(): boolean {
    return !/^\d{3}$/.test(this.code);
  }
}

/** The SMTP answer or error code of a failure, without the server's text (which may quote the address). */
export function failureCode(e: unknown): string {
  const err = e as { responseCode?: number; code?: string } | undefined;
  if (err?.responseCode) return String(err.responseCode);
  if (typeof err?.code === "string" && /^[A-Z_]{2,20}$/.test(err.code)) return err.code;
  return "unknown";
}

export function createMailer(config: Pick<Config, "smtpUrl" | "mailFrom">): Mailer {
  const url = config.smtpUrl;
  let transport: Transporter | undefined;
  const transporter = (): Transporter => {
    if (!url) throw new MailNotConfiguredError();
    // nodemailer's own logger stays off: it would write recipients and envelopes.
    // Short timeouts: a relay that is down fails the run in seconds, not minutes.
    transport ??= nodemailer.createTransport(
      { url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
      { from: config.mailFrom },
    );
    return transport;
  };
  return {
    configured: !!url,
    async send(message) {
      const t = transporter();
      try {
        await t.sendMail({
          from: config.mailFrom,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.calendar
            ? {
                icalEvent: {
                  method: message.calendar.method,
                  content: message.calendar.content,
                  filename: message.calendar.filename ?? "invite.ics",
                },
              }
            : {}),
        });
      } catch (e) {
        throw new MailSendError(failureCode(e));
      }
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}
