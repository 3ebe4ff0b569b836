import { describe, expect, it } from 'vitest';
import { isStorableText, isStorableValue } from '../../src/domain/storable-text.ts';

/** `leaf` wrapped in `n` arrays: the leaf sits at depth n. */
const nested = (n: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

describe('text Postgres can store', () => {
  it('takes ordinary text, including characters outside the basic plane', () => {
    for (const s of ['', '任务1 已完成', '保护司：推进中 60%', '👍 按期完成', '𠮷野家', 'tab\tand\nnewline']) expect(isStorableText(s), s).toBe(true);
  });

  it('refuses U+0000 anywhere', () => {
    for (const s of ['\u0000', '说明\u0000', '\u0000说明', '进\u0000度']) expect(isStorableText(s), JSON.stringify(s)).toBe(false);
  });

  it('refuses a high surrogate without its low half, at the end or before anything else', () => {
    for (const s of ['\uD83D', '已完成\uD83D', '\uD83D已完成', '\uD83D\uD83D\uDC4D', '\uDBFFx']) expect(isStorableText(s), JSON.stringify(s)).toBe(false);
  });

  it('refuses a low surrogate without its high half, at the start or after anything else', () => {
    for (const s of ['\uDC4D', '\uDC4D已完成', '已完成\uDC4D', '\uD83D\uDC4D\uDC4D', 'x\uDFFF']) expect(isStorableText(s), JSON.stringify(s)).toBe(false);
  });
});

describe('values Postgres can store as jsonb', () => {
  it('takes numbers, booleans, null, undefined and clean strings', () => {
    for (const v of [0, 60, true, false, null, undefined, '推进中']) expect(isStorableValue(v), String(v)).toBe(true);
  });

  it('looks into arrays', () => {
    expect(isStorableValue(['任务1', '任务2', 3])).toBe(true);
    expect(isStorableValue([])).toBe(true);
    expect(isStorableValue(['任务1', '任务2\u0000'])).toBe(false);
    expect(isStorableValue(['\uD83D', '任务2'])).toBe(false);
  });

  it('looks into object values and keys', () => {
    expect(isStorableValue({ status_5: 'on_track', progress_5: '60', note_5: '推进中' })).toBe(true);
    expect(isStorableValue({})).toBe(true);
    expect(isStorableValue({ status_5: 'on_track', note_5: '推进\u0000中' })).toBe(false);
    expect(isStorableValue({ status_5: 'on_track', ['note_\uDC4D']: '推进中' })).toBe(false);
    expect(isStorableValue({ form: { tasks: [{ note: '好' }, { note: '\uD83D' }] } })).toBe(false);
  });

  it('checks strings down to depth 21 and gives up below that', () => {
    expect(isStorableValue(nested(20, '\u0000'))).toBe(false);
    expect(isStorableValue(nested(21, '\u0000'))).toBe(false);
    expect(isStorableValue(nested(22, '\u0000'))).toBe(true);
    expect(isStorableValue(nested(21, { ['\u0000']: 1 }))).toBe(true);
    expect(isStorableValue(nested(20, { ['\u0000']: 1 }))).toBe(false);
    expect(isStorableValue(nested(20, { note: '\u0000' }))).toBe(false);
  });

  it('counts depth through objects as through arrays', () => {
    const inObjects = (n: number, leaf: unknown): unknown => {
      let v = leaf;
      for (let i = 0; i < n; i++) v = { [`level_${i}`]: v };
      return v;
    };
    expect(isStorableValue(inObjects(21, '\u0000'))).toBe(false);
    expect(isStorableValue(inObjects(22, '\u0000'))).toBe(true);
    expect(isStorableValue(inObjects(21, '说明'))).toBe(true);
  });

  it('starts counting from the depth it is given', () => {
    expect(isStorableValue(['\u0000'], 20)).toBe(false);
    expect(isStorableValue(['\u0000'], 21)).toBe(true);
  });
});
