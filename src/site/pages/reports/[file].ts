/** The download of each report table: reports/<id>.csv and reports/<id>.json. */
import type { APIRoute } from 'astro';
import { toCsv, toJson } from '../../../core/site/report-tables.ts';
import { siteData } from '../../lib/data.ts';

export async function getStaticPaths() {
  const d = await siteData();
  return (d.reports?.tables ?? []).flatMap((t) => [
    { params: { file: `${t.id}.csv` }, props: { id: t.id, format: 'csv' } },
    { params: { file: `${t.id}.json` }, props: { id: t.id, format: 'json' } },
  ]);
}

export const GET: APIRoute = async ({ props }) => {
  const d = await siteData();
  const table = d.reports!.tables.find((t) => t.id === props.id)!;
  return new Response(props.format === 'csv' ? toCsv(table) : toJson(table));
};
