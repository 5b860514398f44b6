import type { KnowledgeArticle } from '../model.ts';
import { Findings, type RecordRules } from './rule-kit.ts';

export const kbRules: RecordRules<KnowledgeArticle> = (d, ctx, body) => {
  const f = new Findings(ctx.file);
  if (d.status === 'published' && body.trim() === '') {
    f.add('kb/empty', '/status', 'This article is published but has no text.', 'Write the article below the front matter, or set `status: draft`.');
  }
  if (d.category === 'known-error' && d.problem === undefined) {
    f.add('kb/known-error-problem', '/category', 'A known-error article should name its problem.', 'Add `problem: PRB-....` so the known-error database links the two.', 'warning');
  }
  return f.list;
};
