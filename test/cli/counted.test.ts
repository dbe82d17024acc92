import { describe, expect, it } from 'vitest';
import { counted } from '../../src-main/cli/counted';

describe('counted', () => {
  it.each([
    [0, '0 calls'],
    [1, '1 call'],
    [2, '2 calls'],
  ])('formats %i', (count, text) => {
    expect(counted(count, 'call')).toBe(text);
  });
});
