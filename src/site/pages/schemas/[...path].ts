/**
 * The JSON Schemas at stable addresses, for editors and integrations: schemas/<name>.schema.json (the
 * latest) and schemas/v<major.minor>/<name>.schema.json, the path of each schema's `$id`
 * (src/core/schema-ids.ts).
 */
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/data.ts';

export async function getStaticPaths() {
  const d = await siteData();
  return [...d.schemas].map(([path, schema]) => ({ params: { path: path.replace(/^schemas\//, '') }, props: { schema } }));
}

export const GET: APIRoute = ({ props }) => new Response(JSON.stringify(props.schema, null, 2) + '\n');
