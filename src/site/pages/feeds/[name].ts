/** Atom feeds: feeds/incidents.xml, changes.xml, knowledge.xml, status.xml. */
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/data.ts';

export async function getStaticPaths() {
  const d = await siteData();
  return d.feeds.map((f) => ({ params: { name: f.name }, props: { xml: f.xml } }));
}

export const GET: APIRoute = ({ props }) => new Response(props.xml as string, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
