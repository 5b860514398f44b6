import { describe, expect, it } from 'vitest';
import { commentText, MAX_COMMENT_CHARS } from '../../src/io/pr-comment.ts';

describe('the text of a marked comment', () => {
  it('starts with the hidden marker line', () => {
    expect(commentText('collisions', 'Hello\n')).toBe('<!-- itsm:collisions -->\nHello\n');
  });

  it('is cut to what a GitHub comment holds, saying so', () => {
    const text = commentText('sla-backtest', 'x'.repeat(70_000));
    expect(text).toHaveLength(MAX_COMMENT_CHARS);
    expect(text.startsWith('<!-- itsm:sla-backtest -->\nxxx')).toBe(true);
    expect(text.endsWith('_(cut: the full text is longer than a GitHub comment can hold; see the job summary)_\n')).toBe(true);
  });
});
