import { describe, expect, it } from 'vitest';
import { ForwardCancel } from '../../src-main/core/forward-cancel';

describe('ForwardCancel', () => {
  it('runs the current hook once with the first reason', () => {
    const cancel = new ForwardCancel();
    const seen: unknown[] = [];
    cancel.onCancel((reason) => seen.push(reason));

    cancel.cancel('timeout');
    cancel.cancel('caller gone');

    expect(seen).toEqual(['timeout']);
    expect(cancel.cancelled).toBe(true);
    expect(cancel.reason).toBe('timeout');
  });

  it('runs only the hook of the step in progress', () => {
    const cancel = new ForwardCancel();
    const seen: string[] = [];
    cancel.onCancel(() => seen.push('request'));
    cancel.onCancel(() => seen.push('reply'));

    cancel.cancel('stopping');

    expect(seen).toEqual(['reply']);
  });

  it('runs nothing once the hook is cleared', () => {
    const cancel = new ForwardCancel();
    const seen: string[] = [];
    cancel.onCancel(() => seen.push('reply'));
    cancel.onCancel(null);

    cancel.cancel('late timeout');

    expect(seen).toEqual([]);
    expect(cancel.reason).toBe('late timeout');
  });
});
