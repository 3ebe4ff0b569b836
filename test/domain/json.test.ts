import { describe, expect, it } from 'vitest';
import { parseJsonOrUndefined } from '../../src/domain/json.ts';

describe('a value a client may send as JSON text', () => {
  it('is parsed when it is JSON', () => {
    expect(parseJsonOrUndefined('{"kind":"report","planId":1,"taskId":5}')).toEqual({ kind: 'report', planId: 1, taskId: 5 });
    expect(parseJsonOrUndefined('"任务1"')).toBe('任务1');
    expect(parseJsonOrUndefined('60')).toBe(60);
    expect(parseJsonOrUndefined('null')).toBeNull();
  });

  it('is undefined when it is not', () => {
    for (const s of ['', '{kind:report}', '任务1', '{"planId":1', 'undefined']) expect(parseJsonOrUndefined(s), s).toBeUndefined();
  });
});
