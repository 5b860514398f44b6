/** A short reference to a record, as lists and tables on the site show it. */
import { kindOfId, type Kind } from '../ids.ts';
import type { AnyRecord } from '../model.ts';
import { displayName } from '../kinds/index.ts';
import type { SiteLinks } from './links.ts';

export interface RecordRef {
  id: string;
  kind: Kind;
  title: string;
  href: string;
  status?: string;
}

export function refOf(rec: AnyRecord, links: SiteLinks): RecordRef {
  const status = (rec.data as { status?: string }).status;
  return { id: rec.id, kind: rec.kind, title: displayName(rec), href: links.record(rec.id), ...(status ? { status } : {}) };
}

/** A reference to an ID that may not be in the workspace (then it links nowhere useful but still shows). */
export function refOfId(id: string, byId: ReadonlyMap<string, AnyRecord>, links: SiteLinks): RecordRef {
  const rec = byId.get(id);
  if (rec) return refOf(rec, links);
  return { id, kind: kindOfId(id) ?? 'incident', title: id, href: links.record(id) };
}
