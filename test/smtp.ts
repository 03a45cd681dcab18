/**
 * A real SMTP server in the test process (smtp-server on 127.0.0.1, a free port) that keeps every
 * message it accepts, for tests of the e-mail the app sends. `reject` makes it refuse recipients
 * (550 at RCPT TO), like a server that does not take the mail.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  /** The text body, transfer encoding undone. */
  text: string;
  raw: string;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** Recipients this returns true for are refused with 550; all of them when set to `true`. */
  reject: boolean | ((address: string) => boolean);
  /** Every message to one address. */
  to(address: string): ReceivedMail[];
  clear(): void;
  close(): Promise<void>;
}

function decodeBytes(text: string, encoding: string): string {
  const enc = encoding.toLowerCase();
  if (enc === "base64") return Buffer.from(text.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") return decodeQuotedPrintable(text);
  return text;
}

export function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i] ?? "";
    const hex = joined.slice(i + 1, i + 3);
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header; whitespace between two words goes. */
export function decodeHeader(value: string): string {
  const word = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(word, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}

/** Splits a single-part message into its unfolded headers and its decoded body. */
export function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, text: decodeBytes(body, headers["content-transfer-encoding"] ?? "7bit").replace(/\r\n/g, "\n") };
}

export async function startSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const state: TestSmtp = {
    url: "",
    messages,
    reject: false,
    to: (address) => messages.filter((m) => m.to.includes(address.toLowerCase())),
    clear: () => {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH"],
    hideSTARTTLS: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const refused = typeof state.reject === "function" ? state.reject(address.address) : state.reject;
      if (refused) {
        const err = new Error("Mailbox unavailable") as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const { headers, text } = parseMessage(raw);
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((a) => a.address.toLowerCase()),
          subject: decodeHeader(headers.subject ?? ""),
          text,
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  return state;
}

/**
 * The decoded body of the first MIME part of a multipart message whose Content-Type starts with
 * `type` (e.g. "text/calendar", "text/plain"); undefined when there is none.
 */
export function mimePart(raw: string, type: string): { headers: Record<string, string>; text: string } | undefined {
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]?.toLowerCase().startsWith(`content-type: ${type.toLowerCase()}`)) continue;
    // The part's headers run from the line after the last boundary up to the blank line.
    let start = i;
    while (start > 0 && !lines[start - 1]?.startsWith("--")) start--;
    let end = i;
    while (end < lines.length && lines[end] !== "") end++;
    let stop = end + 1;
    while (stop < lines.length && !lines[stop]?.startsWith("--")) stop++;
    const { headers } = parseMessage(`${lines.slice(start, end).join("\r\n")}\r\n\r\n`);
    const body = lines.slice(end + 1, stop).join("\r\n");
    return {
      headers,
      text: parseMessage(`Content-Transfer-Encoding: ${headers["content-transfer-encoding"] ?? "7bit"}\r\n\r\n${body}`).text,
    };
  }
  return undefined;
}
