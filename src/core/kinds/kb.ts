import type { KnowledgeArticle } from '../model.ts';
import { defineKind, numberedId } from './definition.ts';
import { Findings, type RecordRules } from './rule-kit.ts';

const kbRules: RecordRules<KnowledgeArticle> = (d, ctx, body) => {
  const f = new Findings(ctx.file);
  if (d.status === 'published' && body.trim() === '') {
    f.add('kb/empty', '/status', 'This article is published but has no text.', 'Write the article below the front matter, or set `status: draft`.');
  }
  if (d.category === 'known-error' && d.problem === undefined) {
    f.add(
      'kb/known-error-problem',
      '/category',
      'A known-error article should name its problem.',
      'Add `problem: PRB-....` so the known-error database links the two.',
      'warning',
    );
  }
  return f.list;
};

export const kb = defineKind<KnowledgeArticle>()({
  kind: 'kb',
  prefix: 'KB-',
  folder: 'kb',
  label: 'knowledge article',
  plural: 'knowledge articles',
  numbered: true,
  schema: 'kb',
  idPattern: numberedId('KB-'),
  lifecycle: {
    statuses: ['draft', 'published', 'retired'],
    initial: 'draft',
    // A published article is in force: readers follow it.
    open: ['published'],
    done: [],
    transitions: {
      draft: ['published', 'retired'],
      published: ['draft', 'retired'],
      retired: ['draft', 'published'],
    },
    locked: [],
    retire: 'retired',
  },
  milestones: { published: 'published_at' },
  identity: ['title', 'category'],
  columns: [
    { key: 'title', label: 'Title', value: { from: 'name' } },
    { key: 'category', label: 'Category', facet: true, value: { from: 'label', field: 'category' } },
    { key: 'status', label: 'Status', facet: true, value: { from: 'label', field: 'status' } },
    { key: 'service', label: 'Services', facet: true, value: { from: 'ref', field: 'services' } },
    { key: 'team', label: 'Owner', facet: true, value: { from: 'ref', field: 'owner' } },
    { key: 'published_at', label: 'Published', value: { from: 'time', field: 'published_at' } },
  ],
  relations: [
    { field: 'owner', to: 'team', many: false, label: 'owned by', inverse: 'owns articles' },
    { field: 'services', to: 'service', many: true, label: 'about service', inverse: 'articles' },
    { field: 'cis', to: 'ci', many: true, label: 'about', inverse: 'articles' },
    { field: 'problem', to: 'problem', many: false, label: 'documents problem', inverse: 'articles' },
  ],
  rules: kbRules,
});
