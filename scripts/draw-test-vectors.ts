/**
 * Writes docs/draw-test-vectors.json: the worked example of docs/draw-verification.md, with the
 * outputs the domain code computes for it. Both verifiers are tested against the file
 * (libs/domain/src/draw-vectors.spec.ts, python3 scripts/verify_draw.py --self-test); regenerate it
 * only on purpose (a change of the outputs is a change of the published procedure):
 *
 *   node --conditions=rol-source -r ./scripts/register.js scripts/draw-test-vectors.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assignFromProof,
  candidateLine,
  candidateListHash,
  canonicalJson,
  drawSample,
  rankKey,
  reviewerPseudonym,
  reviewerTieKey,
  rulesHash,
  sampleSize,
  seedHash,
  type CaseType,
  type DrawCandidate,
  type DrawRules,
  type PublicReviewer,
} from '@rol/domain';

const TYPES: CaseType[] = ['penalty', 'license', 'coercion', 'inspection'];
const seed = '3f1c0d2b9a8e7f6054433221100ffeeddccbbaa99887766554433221100aabb';
const rules: DrawRules = {
  rate: 0.06,
  min: 1,
  max: 10,
  caseTypeCoverage: false,
  period: { from: '2025-01-01', to: '2025-12-31' },
  departmentIds: 'all',
  reviewersPerFile: 2,
  standardCode: 'default',
  statuses: ['concluded'],
};
const departments: [string, number][] = [['A01', 75], ['B02', 10], ['C03', 2]];
const candidates: DrawCandidate[] = departments.flatMap(([code, count]) =>
  Array.from({ length: count }, (_, i) => ({
    caseFileId: `${code}/${i + 1}`,
    departmentId: code,
    departmentCode: code,
    caseNumber: `${code}罚〔2025〕${i + 1}号`,
    caseType: TYPES[(i * 7) % 4 === 0 ? 0 : i % 4],
    decisionDate: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
  })),
);

export function vectors() {
  const sorted = [...candidates].sort((a, b) => (candidateLine(a) < candidateLine(b) ? -1 : 1));
  const candidatesText = sorted.map((c) => candidateLine(c) + '\n').join('');
  const selected = drawSample(candidates, rules, seed);
  const covered = drawSample(candidates, { ...rules, caseTypeCoverage: true }, seed);
  const line = (f: { departmentCode: string; caseNumber: string; caseType: string; rankKey: string }) => `${f.departmentCode}\t${f.caseNumber}\t${f.caseType}\t${f.rankKey}\n`;
  const internal = ['reviewer-1', 'reviewer-2', 'reviewer-3', 'reviewer-4'];
  const p = (id: string) => reviewerPseudonym(seed, id);
  const c03File = selected.find((f) => f.departmentCode === 'C03')!;
  const reviewers: PublicReviewer[] = [
    { id: p('reviewer-1'), excludedDepartments: ['A01'], excludedFiles: [] },
    { id: p('reviewer-2'), excludedDepartments: ['B02'], excludedFiles: [`${c03File.departmentCode}\t${c03File.caseNumber}`] },
    { id: p('reviewer-3'), excludedDepartments: [], excludedFiles: [] },
    { id: p('reviewer-4'), excludedDepartments: ['A01', 'C03'], excludedFiles: [] },
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const proof = { reviewersPerFile: rules.reviewersPerFile, reviewers };
  const first = selected[0];
  return {
    description: 'Worked example of docs/draw-verification.md. Text values are hashed as their UTF-8 bytes; every hash is lowercase hex SHA-256.',
    seed,
    seedHash: seedHash(seed),
    rules,
    rulesCanonicalJson: canonicalJson(rules),
    rulesHash: rulesHash(rules),
    jcs: [
      { value: { b: 1, a: [true, null, 'x'], 'é': 'ü', '\ue000': 1, '😀': 2 }, canonical: canonicalJson({ b: 1, a: [true, null, 'x'], 'é': 'ü', '\ue000': 1, '😀': 2 }) },
      { value: { rate: 1, n: 0.0001, t: 'tab\there "q" \\ \u0001' }, canonical: canonicalJson({ rate: 1, n: 0.0001, t: 'tab\there "q" \\ \u0001' }) },
    ],
    quotas: [
      [75, 0.06, 0, 60], [75, 0.06, 1, 10], [10, 0.06, 1, 10], [2, 0.06, 1, 10], [25, 0.02, 0, 60], [24, 0.02, 0, 60], [1000, 0.05, 1, 30], [3, 1, 5, 10], [0, 0.5, 1, 10],
    ].map(([count, rate, min, max]) => ({ count, rate, min, max, n: sampleSize(count, { rate, min, max }) })),
    candidateCount: candidates.length,
    candidatesText,
    candidateHash: candidateListHash(candidates),
    rankKeys: sorted.slice(0, 3).concat(sorted.slice(-2)).map((c) => ({ seed, departmentCode: c.departmentCode, caseNumber: c.caseNumber, rankKey: rankKey(seed, c) })),
    resultText: selected.map(line).join(''),
    resultTextWithCaseTypeCoverage: covered.map(line).join(''),
    pseudonyms: internal.map((reviewerId) => ({ seed, reviewerId, pseudonym: p(reviewerId) })),
    tieKeys: reviewers.slice(0, 2).map((r) => ({ seed, rankKey: first.rankKey, pseudonym: r.id, tieKey: reviewerTieKey(seed, first.rankKey, r.id) })),
    reviewerProof: { ...proof, assignments: assignFromProof(seed, selected, proof) },
  };
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'docs', 'draw-test-vectors.json'), JSON.stringify(vectors(), null, 2) + '\n');
}
