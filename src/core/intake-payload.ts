/**
 * Reads the issue out of an `issues` webhook event, a bare issue, or `gh issue view --json` output.
 * The payload is data from outside: every field the intake reads is checked for its type here, so a
 * wrong shape (labels that are a number, a null label, a title that is an object) is a clear
 * message, never a crash further in.
 */
import type { IssueInput } from './intake.ts';

export type IssuePayload = { ok: true; issue: IssueInput } | { ok: false; problem: string };

/** How a JSON value is named in messages. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readIssuePayload(doc: unknown): IssuePayload {
  const bad = (problem: string): IssuePayload => ({ ok: false, problem });
  if (!isObject(doc)) return bad(`the JSON is ${jsonTypeName(doc)}; expected an issues event or an issue (an object)`);
  const raw = doc.issue === undefined || doc.issue === null ? doc : doc.issue;
  if (!isObject(raw)) return bad(`\`issue\` is ${jsonTypeName(raw)}; expected the issue (an object)`);
  const where = (field: string) => `\`issue.${field}\``;
  const text = (field: string, value: unknown): string | undefined | IssuePayload =>
    value === undefined || value === null || typeof value === 'string' ? (value ?? undefined) : bad(`${where(field)} is ${jsonTypeName(value)}; expected text`);

  const number = typeof raw.number === 'number' || typeof raw.number === 'string' ? Number(raw.number) : NaN;
  if (!Number.isSafeInteger(number) || number <= 0) return bad('no issue number (`issue.number` must be a positive whole number)');
  const fields: Record<string, string | undefined> = {};
  for (const field of ['title', 'body', 'created_at', 'createdAt', 'html_url', 'url']) {
    const value = text(field, raw[field]);
    if (typeof value === 'object') return value;
    fields[field] = value;
  }
  const author = raw.user ?? raw.author;
  const authorField = raw.user !== undefined && raw.user !== null ? 'user' : 'author';
  let user: { login?: string } | undefined;
  if (author !== undefined && author !== null) {
    if (!isObject(author)) return bad(`${where(authorField)} is ${jsonTypeName(author)}; expected an object with a \`login\``);
    const login = text(`${authorField}.login`, author.login);
    if (typeof login === 'object') return login;
    user = login === undefined ? {} : { login };
  }
  const labels: Array<{ name?: string } | string> = [];
  if (raw.labels !== undefined && raw.labels !== null) {
    if (!Array.isArray(raw.labels))
      return bad(`${where('labels')} is ${jsonTypeName(raw.labels)}; expected a list of labels such as [{"name": "intake:incident"}]`);
    for (const [i, label] of (raw.labels as unknown[]).entries()) {
      if (typeof label === 'string') {
        labels.push(label);
        continue;
      }
      if (!isObject(label)) return bad(`${where(`labels[${i}]`)} is ${jsonTypeName(label)}; expected a label such as {"name": "intake:incident"}`);
      const name = text(`labels[${i}].name`, label.name);
      if (typeof name === 'object') return name;
      labels.push(name === undefined ? {} : { name });
    }
  }
  const url = fields.html_url ?? fields.url;
  return {
    ok: true,
    issue: {
      number,
      title: fields.title ?? '',
      body: fields.body ?? null,
      created_at: fields.created_at ?? fields.createdAt ?? '',
      ...(url !== undefined ? { html_url: url } : {}),
      ...(user ? { user } : {}),
      labels,
    },
  };
}
