/** The JSON Schemas at stable addresses: schemas/<kind>.schema.json (for editors and integrations). */
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/data.ts';

export async function getStaticPaths() {
  const d = await siteData();
  return Object.entries(d.schemas).map(([name, schema]) => ({ params: { name: `${name}.schema.json` }, props: { schema } }));
}

export const GET: APIRoute = ({ props }) => new Response(JSON.stringify(props.schema, null, 2) + '\n');
