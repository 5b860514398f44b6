/** The docs with their generated sections brought up to date from the kind registry. */
import { kindsTableMarkdown, replaceGenerated, transitionTablesMarkdown } from '../../src/core/kinds/docs.ts';
import { REGISTRY } from '../../src/core/kinds/index.ts';

const SECTIONS: ReadonlyArray<{ file: string; name: string; render: () => string }> = [
  { file: 'README.md', name: 'kinds', render: () => kindsTableMarkdown(REGISTRY) },
  { file: 'README.md', name: 'transitions', render: () => transitionTablesMarkdown(REGISTRY) },
  { file: 'docs/history.md', name: 'transitions', render: () => transitionTablesMarkdown(REGISTRY) },
];

/** Each doc's text as it should be; throws when a doc lost its markers (someone must put them back). */
export function generatedDocs(read: (file: string) => string): Array<{ file: string; expected: string }> {
  const docs = new Map<string, string>();
  for (const { file, name, render } of SECTIONS) {
    const doc = docs.get(file) ?? read(file);
    const next = replaceGenerated(doc, name, render());
    if (next === undefined) throw new Error(`${file} has no <!-- generated:${name} --> markers`);
    docs.set(file, next);
  }
  return [...docs].map(([file, expected]) => ({ file, expected }));
}
