import fc from 'fast-check';
import type { CaseType } from './case-file';
import { CASE_TYPES } from './case-file';
import type { DrawCandidate, DrawRules, FileToAssign, ReviewerCandidate, ReviewerConflict } from './draw';
import {
  DEFAULT_DRAW_RULES,
  assignReviewers,
  candidateLine,
  candidateListHash,
  compareCandidates,
  drawDepartment,
  drawSample,
  isEligible,
  rankKey,
  rulesHash,
  sampleSize,
  seedHash,
  validateDrawRules,
} from './draw';
import { sha256Hex } from './sha256';

const RULES: DrawRules = { ...DEFAULT_DRAW_RULES, period: { from: '2025-01-01', to: '2025-12-31' } };

const candidate = (dept: number, n: number, caseType: CaseType = 'penalty', decisionDate = '2025-06-01'): DrawCandidate => ({
  caseFileId: `file-${dept}-${n}`,
  departmentId: `dept-${dept}`,
  departmentCode: `D${String(dept).padStart(3, '0')}`,
  caseNumber: `2025-${n}`,
  caseType,
  decisionDate,
});

const candidatesArb = fc
  .array(fc.record({ dept: fc.integer({ min: 0, max: 5 }), n: fc.integer({ min: 0, max: 400 }), type: fc.constantFrom(...CASE_TYPES) }), { maxLength: 150 })
  .map((rows) => {
    const unique = new Map<string, DrawCandidate>();
    for (const r of rows) unique.set(`${r.dept}/${r.n}`, candidate(r.dept, r.n, r.type));
    return [...unique.values()];
  });
const rulesArb = fc
  .record({ rate: fc.integer({ min: 1, max: 10_000 }).map((bp) => bp / 10_000), min: fc.integer({ min: 0, max: 10 }), extra: fc.integer({ min: 0, max: 20 }), caseTypeCoverage: fc.boolean() })
  .map(({ rate, min, extra, caseTypeCoverage }): DrawRules => ({ ...RULES, rate, min, max: Math.max(1, min + extra), caseTypeCoverage }));

describe('draw rules', () => {
  it('accepts the defaults with a period', () => {
    expect(validateDrawRules(RULES)).toEqual([]);
    expect(validateDrawRules({ ...RULES, departmentIds: ['a', 'b'], reviewersPerFile: 2, rate: 1, min: 0 })).toEqual([]);
  });

  it('names every bad field', () => {
    const errors = validateDrawRules({ rate: 0, min: -1, max: 0.5, caseTypeCoverage: 'yes', period: { from: '2025-02-30', to: '2025-01-01' }, departmentIds: [], reviewersPerFile: 3, standardCode: '', extra: 1 });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['rules.extra', 'DRAW_RULES_UNKNOWN_FIELD'],
      ['rules.rate', 'DRAW_RATE_INVALID'],
      ['rules.min', 'DRAW_MIN_INVALID'],
      ['rules.max', 'DRAW_MAX_INVALID'],
      ['rules.caseTypeCoverage', 'DRAW_COVERAGE_INVALID'],
      ['rules.period.from', 'DRAW_PERIOD_DATE_INVALID'],
      ['rules.departmentIds', 'DRAW_DEPARTMENTS_INVALID'],
      ['rules.reviewersPerFile', 'DRAW_REVIEWERS_PER_FILE_INVALID'],
      ['rules.standardCode', 'DRAW_STANDARD_CODE_INVALID'],
    ]);
    expect(validateDrawRules({ ...RULES, min: 5, max: 3, period: { from: '2025-12-31', to: '2025-01-01' } }).map((e) => e.code)).toEqual(['DRAW_MAX_BELOW_MIN', 'DRAW_PERIOD_REVERSED']);
    expect(validateDrawRules(null)).toEqual([expect.objectContaining({ field: 'rules', code: 'DRAW_RULES_INVALID' })]);
  });

  it('computes the sample size', () => {
    const r = { rate: 0.05, min: 1, max: 60 };
    expect([0, 1, 5, 10, 29, 30, 100, 1199, 1200, 5000].map((n) => sampleSize(n, r))).toEqual([0, 1, 1, 1, 1, 2, 5, 60, 60, 60]);
    expect(sampleSize(3, { rate: 0.1, min: 5, max: 10 })).toBe(3);
    // Half up on the exact decimal: 75 × 6 % = 4.5 → 5 (a float or half-to-even rounding could give 4); 25 × 0.02 = 0.5 → 1.
    expect(sampleSize(75, { rate: 0.06, min: 0, max: 60 })).toBe(5);
    expect(sampleSize(25, { rate: 0.02, min: 0, max: 60 })).toBe(1);
    expect(sampleSize(10, { rate: 0.05, min: 0, max: 60 })).toBe(1);
    expect(() => sampleSize(10, { rate: 0.00005, min: 0, max: 60 })).toThrow();
  });
});

describe('hashes', () => {
  it('hashes the canonical candidate list whatever the input order', () => {
    const list = [candidate(2, 1), candidate(1, 10), candidate(1, 9, 'license')];
    const expected = sha256Hex(['D001\t2025-10\tpenalty\t2025-06-01', 'D001\t2025-9\tlicense\t2025-06-01', 'D002\t2025-1\tpenalty\t2025-06-01'].join('\n') + '\n');
    expect(candidateListHash(list)).toBe(expected);
    expect(candidateListHash([...list].reverse())).toBe(expected);
    expect(candidateLine(list[0])).toBe('D002\t2025-1\tpenalty\t2025-06-01');
    expect(list[0].caseFileId).toBe('file-2-1'); // the input is not sorted in place
  });

  it('hashes rules canonically, keys sorted', () => {
    const reordered = { standardCode: 'default', reviewersPerFile: 1, period: { to: RULES.period.to, from: RULES.period.from }, departmentIds: 'all', caseTypeCoverage: false, statuses: ['concluded'], max: 60, min: 1, rate: 0.05 } as DrawRules;
    expect(rulesHash(reordered)).toBe(rulesHash(RULES));
    expect(rulesHash(RULES)).toBe(
      sha256Hex('{"caseTypeCoverage":false,"departmentIds":"all","max":60,"min":1,"period":{"from":"2025-01-01","to":"2025-12-31"},"rate":0.05,"reviewersPerFile":1,"standardCode":"default","statuses":["concluded"]}'),
    );
    expect(rulesHash({ ...RULES, rate: 0.06 })).not.toBe(rulesHash(RULES));
    expect(seedHash('s')).toBe(sha256Hex('s'));
    expect(rankKey('s', { departmentCode: 'D1', caseNumber: 'N' })).toBe(sha256Hex('s\nD1\nN'));
  });
});

describe('drawSample', () => {
  it('is the same for the same seed and candidates, in any input order', () => {
    fc.assert(
      fc.property(candidatesArb, rulesArb, fc.string(), fc.func(fc.integer()), (candidates, rules, seed, order) => {
        const shuffled = [...candidates].sort((a, b) => order(a.caseFileId) - order(b.caseFileId));
        expect(drawSample(shuffled, rules, seed)).toEqual(drawSample(candidates, rules, seed));
      }),
      { numRuns: 200 },
    );
  });

  it('usually differs between seeds', () => {
    const candidates = Array.from({ length: 1000 }, (_, i) => candidate(i % 4, i));
    const ids = (seed: string) => drawSample(candidates, RULES, seed).map((f) => f.caseFileId).join();
    const draws = new Set(Array.from({ length: 20 }, (_, i) => ids(`seed-${i}`)));
    expect(draws.size).toBe(20);
  });

  it('respects min, max and the number available, per department', () => {
    fc.assert(
      fc.property(candidatesArb, rulesArb, fc.string(), (candidates, rules, seed) => {
        const drawn = drawSample(candidates, rules, seed);
        const byDept = new Map<string, number>();
        for (const c of candidates) byDept.set(c.departmentId, (byDept.get(c.departmentId) ?? 0) + 1);
        for (const [dept, count] of byDept) {
          const got = drawn.filter((f) => f.departmentId === dept).length;
          expect(got).toBe(sampleSize(count, rules));
          expect(got).toBeLessThanOrEqual(Math.min(count, rules.max));
          expect(got).toBeGreaterThanOrEqual(Math.min(count, rules.min));
        }
        expect(new Set(drawn.map((f) => f.caseFileId)).size).toBe(drawn.length);
        // Ordered by department code, then rank key.
        for (let i = 1; i < drawn.length; i++) {
          const a = drawn[i - 1];
          const b = drawn[i];
          expect(a.departmentCode < b.departmentCode || (a.departmentCode === b.departmentCode && a.rankKey < b.rankKey)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('takes the best-ranked files without coverage', () => {
    const candidates = Array.from({ length: 100 }, (_, i) => candidate(1, i));
    const drawn = drawDepartment(candidates, RULES, 'abc');
    const best = candidates.map((c) => rankKey('abc', c)).sort().slice(0, 5);
    expect(drawn.map((f) => f.rankKey)).toEqual(best);
  });

  it('covers every case type present when n allows', () => {
    fc.assert(
      fc.property(candidatesArb, fc.string(), (candidates, seed) => {
        const rules: DrawRules = { ...RULES, rate: 0.01, min: 5, max: 8, caseTypeCoverage: true };
        const drawn = drawSample(candidates, rules, seed);
        const depts = new Set(candidates.map((c) => c.departmentId));
        for (const dept of depts) {
          const all = candidates.filter((c) => c.departmentId === dept);
          const types = new Set(all.map((c) => c.caseType));
          const got = drawn.filter((f) => f.departmentId === dept);
          if (sampleSize(all.length, rules) >= types.size) expect(new Set(got.map((f) => f.caseType)).size).toBe(types.size);
          else expect(new Set(got.map((f) => f.caseType)).size).toBe(got.length);
        }
      }),
      { numRuns: 200 },
    );
    // A department of 99 penalty files and one license file: without coverage the license file is
    // rarely drawn, with coverage it always is.
    const dept = [...Array.from({ length: 99 }, (_, i) => candidate(1, i)), candidate(1, 999, 'license')];
    for (const seed of ['a', 'b', 'c', 'd']) {
      const drawn = drawDepartment(dept, { ...RULES, min: 2, caseTypeCoverage: true }, seed);
      expect(drawn).toHaveLength(5);
      expect(drawn.filter((f) => f.caseType === 'license')).toHaveLength(1);
      expect(drawn.map((f) => f.rankKey)).toEqual([...drawn.map((f) => f.rankKey)].sort());
    }
  });

  it('keeps only candidates in the period and the chosen departments', () => {
    const candidates = [candidate(1, 1, 'penalty', '2024-12-31'), candidate(1, 2, 'penalty', '2025-01-01'), candidate(1, 3, 'penalty', '2025-12-31'), candidate(1, 4, 'penalty', '2026-01-01'), candidate(2, 1)];
    const drawn = drawSample(candidates, { ...RULES, rate: 1, max: 10, departmentIds: ['dept-1'] }, 's');
    expect(drawn.map((f) => f.caseFileId).sort()).toEqual(['file-1-2', 'file-1-3']);
  });
});

describe('assignReviewers', () => {
  const file = (i: number, dept: number): FileToAssign => ({ caseFileId: `f${i}`, departmentId: `d${dept}`, rankKey: sha256Hex(`rank${i}`) });

  it('checks eligibility', () => {
    const f = file(1, 1);
    expect(isEligible(f, { reviewerId: 'r', departmentId: 'd1' }, [], [])).toBe(false);
    expect(isEligible(f, { reviewerId: 'r', departmentId: null }, [], [])).toBe(true);
    expect(isEligible(f, { reviewerId: 'r', departmentId: 'd2' }, [{ reviewerId: 'r', departmentId: 'd1' }], [])).toBe(false);
    expect(isEligible(f, { reviewerId: 'r', departmentId: 'd2' }, [{ reviewerId: 'r', caseFileId: 'f1' }], [])).toBe(false);
    expect(isEligible(f, { reviewerId: 'r', departmentId: 'd2' }, [{ reviewerId: 'x', caseFileId: 'f1' }, { reviewerId: 'r', caseFileId: 'f2' }], [])).toBe(true);
    expect(isEligible(f, { reviewerId: 'r', departmentId: 'd2' }, [], ['r'])).toBe(false);
  });

  it('never breaks recusal, never puts a reviewer twice on a file, and is reproducible', () => {
    const arb = fc.record({
      files: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }),
      reviewers: fc.array(fc.option(fc.integer({ min: 0, max: 5 })), { minLength: 0, maxLength: 12 }),
      conflicts: fc.array(fc.record({ reviewer: fc.nat(15), dept: fc.option(fc.integer({ min: 0, max: 5 })), file: fc.option(fc.nat(45)) }), { maxLength: 15 }),
      perFile: fc.integer({ min: 1, max: 2 }),
      seed: fc.string(),
    });
    fc.assert(
      fc.property(arb, (x) => {
        const files = x.files.map((dept, i) => file(i, dept));
        const reviewers: ReviewerCandidate[] = x.reviewers.map((dept, i) => ({ reviewerId: `r${i}`, departmentId: dept === null ? null : `d${dept}` }));
        const conflicts: ReviewerConflict[] = x.conflicts.map((c) => ({ reviewerId: `r${c.reviewer}`, departmentId: c.dept === null ? null : `d${c.dept}`, caseFileId: c.file === null ? null : `f${c.file}` }));
        const result = assignReviewers({ files, reviewers, conflicts, perFile: x.perFile, seed: x.seed });
        const fileById = new Map(files.map((f) => [f.caseFileId, f]));
        const onFile = new Map<string, string[]>();
        for (const a of result.assignments) {
          const f = fileById.get(a.caseFileId)!;
          const r = reviewers.find((rv) => rv.reviewerId === a.reviewerId)!;
          expect(isEligible(f, r, conflicts, onFile.get(f.caseFileId) ?? [])).toBe(true);
          onFile.set(f.caseFileId, [...(onFile.get(f.caseFileId) ?? []), r.reviewerId]);
        }
        // Every slot is either assigned or reported, and unassigned only when nobody was left.
        expect(result.assignments.length + result.unassigned.length).toBe(files.length * x.perFile);
        for (const u of result.unassigned) {
          const f = fileById.get(u.caseFileId)!;
          expect(reviewers.some((r) => isEligible(f, r, conflicts, onFile.get(f.caseFileId) ?? []))).toBe(false);
        }
        const again = assignReviewers({ files: [...files].reverse(), reviewers: [...reviewers].reverse(), conflicts, perFile: x.perFile, seed: x.seed });
        expect(again).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('spreads the load evenly when everyone may review everything', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 2, max: 15 }), fc.integer({ min: 1, max: 2 }), fc.string(), (nFiles, nReviewers, perFile, seed) => {
        const files = Array.from({ length: nFiles }, (_, i) => file(i, 1));
        const reviewers = Array.from({ length: nReviewers }, (_, i) => ({ reviewerId: `r${i}`, departmentId: i % 2 ? null : 'd2' }));
        const { assignments, unassigned } = assignReviewers({ files, reviewers, conflicts: [], perFile, seed });
        expect(unassigned).toEqual([]);
        const load = new Map(reviewers.map((r) => [r.reviewerId, 0]));
        for (const a of assignments) load.set(a.reviewerId, load.get(a.reviewerId)! + 1);
        expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('takes the starting load, existing reviewers and the slots to fill into account', () => {
    const files = [file(1, 1)];
    const reviewers = [
      { reviewerId: 'a', departmentId: null },
      { reviewerId: 'b', departmentId: null },
      { reviewerId: 'c', departmentId: null },
    ];
    const r1 = assignReviewers({ files, reviewers, conflicts: [], perFile: 2, seed: 's', load: { a: 5, b: 0, c: 3 } });
    expect(r1.assignments).toEqual([
      { caseFileId: 'f1', reviewerId: 'b', slot: 1 },
      { caseFileId: 'f1', reviewerId: 'c', slot: 2 },
    ]);
    const r2 = assignReviewers({ files, reviewers, conflicts: [], perFile: 2, seed: 's', load: { a: 5, b: 0, c: 3 }, existing: { f1: ['b'] }, slots: { f1: [2] } });
    expect(r2.assignments).toEqual([{ caseFileId: 'f1', reviewerId: 'c', slot: 2 }]);
    const r3 = assignReviewers({ files, reviewers: [{ reviewerId: 'a', departmentId: 'd1' }], conflicts: [], perFile: 1, seed: 's' });
    expect(r3).toEqual({ assignments: [], unassigned: [{ caseFileId: 'f1', slot: 1 }] });
  });

  it('breaks ties by the documented hash', () => {
    const reviewers = ['x', 'y', 'z'].map((reviewerId) => ({ reviewerId, departmentId: null }));
    const key = (id: string) => sha256Hex(`s\nreviewer\n${file(1, 1).rankKey}\n${sha256Hex(`s\nreviewer-id\n${id}`)}`);
    const expected = ['x', 'y', 'z'].sort((a, b) => (key(a) < key(b) ? -1 : 1))[0];
    expect(assignReviewers({ files: [file(1, 1)], reviewers, conflicts: [], perFile: 1, seed: 's' }).assignments[0].reviewerId).toBe(expected);
  });
});

describe('canonical order of candidates', () => {
  it('is UTF-8 byte order (code points), not UTF-16 code units: U+E000 before an astral character', () => {
    const c = (caseNumber: string): DrawCandidate => ({ departmentId: 'd', departmentCode: 'A', caseFileId: caseNumber, caseNumber, caseType: CASE_TYPES[0], decisionDate: '2026-01-01' });
    const sorted = [c('\u{1F600}'), c('\ue000'), c('z')].sort(compareCandidates).map((x) => x.caseNumber);
    expect(sorted).toEqual(['z', '\ue000', '\u{1F600}']);
    expect(sorted.map((s) => Buffer.from(s, 'utf8'))).toEqual([...sorted].map((s) => Buffer.from(s, 'utf8')).sort(Buffer.compare));
  });
});
