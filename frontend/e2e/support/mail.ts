import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';

/**
 * Reads the test SMTP sink's Maildir ($CRM_TEST_MAILDIR, a Python
 * mailbox.Maildir: one file per message under new/ or cur/).
 */
function maildir(): string {
  const dir = process.env.CRM_TEST_MAILDIR;
  if (!dir) throw new Error('CRM_TEST_MAILDIR is not set: start the SMTP sink and point CRM_TEST_MAILDIR at its Maildir');
  return dir;
}

export interface ReceivedMail {
  file: string;
  receivedAt: number;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

async function readAll(): Promise<ReceivedMail[]> {
  const root = maildir();
  const mails: ReceivedMail[] = [];
  for (const sub of ['new', 'cur']) {
    let names: string[];
    try {
      names = await readdir(join(root, sub));
    } catch {
      continue;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const file = join(root, sub, name);
      try {
        const [raw, info] = await Promise.all([readFile(file), stat(file)]);
        const parsed = await simpleParser(raw);
        mails.push({
          file,
          receivedAt: info.mtimeMs,
          to: [...addresses(parsed.to), ...addresses(parsed.cc)],
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
        });
      } catch {
        // A file still being written: the next poll reads it.
      }
    }
  }
  return mails;
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&#x3D;|&#61;/g, '=').replace(/&quot;/g, '"');
}

/** Absolute http(s) links in the message, from the text part and the html part. */
export function linksIn(mail: Pick<ReceivedMail, 'text' | 'html'>): string[] {
  const found = new Set<string>();
  for (const source of [mail.text, decodeEntities(mail.html)]) {
    for (const match of source.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)) found.add(match[0].replace(/[.,;]+$/, ''));
  }
  return [...found];
}

/**
 * Polls until a message to `to` with a link matching `pattern` arrives
 * (newest first) and returns that link.
 */
export async function waitForLink(options: { to: string; pattern: RegExp; timeoutMs?: number; since?: number }): Promise<string> {
  const to = options.to.toLowerCase();
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const mails = (await readAll())
      .filter((m) => m.to.includes(to) && (options.since === undefined || m.receivedAt >= options.since - 1000))
      .sort((a, b) => b.receivedAt - a.receivedAt);
    for (const mail of mails) {
      const link = linksIn(mail).find((l) => options.pattern.test(l));
      if (link) return link;
    }
    if (Date.now() > deadline) {
      const summary = mails.map((m) => `${m.subject}: ${linksIn(m).join(' ')}`).join('\n') || '(no messages to that address)';
      throw new Error(`No email to ${to} with a link matching ${options.pattern} within the timeout.\n${summary}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
