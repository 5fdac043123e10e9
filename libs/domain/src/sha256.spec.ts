import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex, sha256Prefixed } from './sha256';

const nodeSha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('matches node:crypto on fixed inputs', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const text of ['The quick brown fox', '行政执法案卷评查', '双随机、一公开 😀 ①', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'b'.repeat(1000), '中'.repeat(5000)]) {
      expect(sha256Hex(text)).toBe(nodeSha(text));
    }
  });

  it('encodes lone surrogates as U+FFFD, like node', () => {
    for (const text of ['\ud800', 'x\udc00y', '\ud83d\ud83d\ude00', '\ude00\ud83d']) expect(sha256Hex(text)).toBe(nodeSha(text));
  });

  it('matches node:crypto on 1,000 random strings', () => {
    const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: anyUnit, maxLength: 200 }));
    fc.assert(
      fc.property(text, (s) => sha256Hex(s) === nodeSha(s)),
      { numRuns: 1000 },
    );
  });

  it('hashes prefix + suffix the same with a cached prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 150 }), fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 4 }), (prefix, suffixes) => {
        const f = sha256Prefixed(prefix);
        return suffixes.every((s) => f(s) === nodeSha(prefix + s));
      }),
      { numRuns: 300 },
    );
    expect(sha256Prefixed('\ud83d')('\ude00')).toBe(nodeSha('😀'));
  });
});
