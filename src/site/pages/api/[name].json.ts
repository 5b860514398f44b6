/** The static JSON API: /api/<ID>.json for each record and /api/<folder>.json for each kind. */
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/data.ts';

export async function getStaticPaths() {
  const d = await siteData();
  return [...d.api.keys()].map((name) => ({ params: { name } }));
}

export const GET: APIRoute = async ({ params }) => {
  const d = await siteData();
  return new Response(JSON.stringify(d.api.get(params.name!), null, 2) + '\n');
};
