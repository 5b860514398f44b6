import { describe, expect, it } from 'vitest';
import { formatDiagnostics, summarize } from '../../src/cli/reporter.ts';
import type { Diagnostic } from '../../src/core/diagnostic.ts';

const d: Diagnostic = {
  file: 'content/incidents/INC-0001.md',
  line: 3,
  column: 5,
  rule: 'schema/enum',
  severity: 'error',
  message: 'Bad: 100% wrong,\r\nreally',
  hint: 'Fix it',
};

describe('reporter', () => {
  it('escapes %, CR, LF in GitHub annotation messages and , : in properties', () => {
    const out = formatDiagnostics([{ ...d, file: 'content/a,b:c.md' }], 'github', summarize(1, [d]));
    expect(out.split('\n')[0]).toBe('::error file=content/a%2Cb%3Ac.md,line=3,col=5,title=schema/enum::Bad: 100%25 wrong,%0D%0Areally%0AFix: Fix it');
  });
  it('prints pretty text grouped by file with a closing count', () => {
    const out = formatDiagnostics([d, { ...d, line: 9, severity: 'warning', rule: 'x/y', message: 'Hmm', hint: undefined }], 'pretty', summarize(2, [d]));
    expect(out).toBe(
      'content/incidents/INC-0001.md\n  3:5     error    Bad: 100% wrong,\r\nreally  schema/enum\n                   fix: Fix it\n  9:5     warning  Hmm  x/y\n\n✖ 1 error, 0 warnings in 2 records.\n',
    );
  });
  it('prints JSON with null hints', () => {
    const out = JSON.parse(formatDiagnostics([{ ...d, hint: undefined }], 'json', summarize(1, [d])));
    expect(out).toEqual({
      summary: { records: 1, errors: 1, warnings: 0 },
      diagnostics: [{ file: d.file, line: 3, column: 5, rule: 'schema/enum', severity: 'error', message: d.message, hint: null }],
    });
  });
});
