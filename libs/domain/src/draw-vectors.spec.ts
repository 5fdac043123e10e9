import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assignFromProof, canonicalJson, candidateListHash, drawSample, rankKey, reviewerPseudonym, reviewerTieKey, rulesHash, sampleSize, seedHash, type CaseType, type DrawCandidate, type DrawRules, type ReviewerProof } from './index';

/** The domain code against the published test vectors (docs/draw-test-vectors.json), which the Python verifier's self-test checks too. */
const v = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'draw-test-vectors.json'), 'utf8'));
const rules = v.rules as DrawRules;

function parse(text: string): DrawCandidate[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [departmentCode, caseNumber, caseType, decisionDate] = line.split('\t');
      return { caseFileId: `${departmentCode}\t${caseNumber}`, departmentId: departmentCode, departmentCode, caseNumber, caseType: caseType as CaseType, decisionDate };
    });
}
const line = (f: { departmentCode: string; caseNumber: string; caseType: string; rankKey: string }) => `${f.departmentCode}\t${f.caseNumber}\t${f.caseType}\t${f.rankKey}\n`;

describe('draw test vectors', () => {
  const candidates = parse(v.candidatesText);

  it('hashes the seed, the rules (RFC 8785) and the candidate list as published', () => {
    expect(seedHash(v.seed)).toBe(v.seedHash);
    expect(canonicalJson(rules)).toBe(v.rulesCanonicalJson);
    expect(rulesHash(rules)).toBe(v.rulesHash);
    for (const j of v.jcs) expect(canonicalJson(j.value)).toBe(j.canonical);
    expect(candidates).toHaveLength(v.candidateCount);
    expect(candidateListHash(candidates)).toBe(v.candidateHash);
  });

  it('computes the rank keys, the quotas and the selection', () => {
    for (const r of v.rankKeys) expect(rankKey(r.seed, r)).toBe(r.rankKey);
    for (const q of v.quotas) expect(sampleSize(q.count, q)).toBe(q.n);
    expect(drawSample(candidates, rules, v.seed).map(line).join('')).toBe(v.resultText);
    expect(drawSample(candidates, { ...rules, caseTypeCoverage: true }, v.seed).map(line).join('')).toBe(v.resultTextWithCaseTypeCoverage);
  });

  it('computes the pseudonyms, the tie keys and the reviewer assignments', () => {
    for (const p of v.pseudonyms) expect(reviewerPseudonym(p.seed, p.reviewerId)).toBe(p.pseudonym);
    for (const t of v.tieKeys) expect(reviewerTieKey(t.seed, t.rankKey, t.pseudonym)).toBe(t.tieKey);
    const proof = v.reviewerProof as ReviewerProof;
    const files = drawSample(candidates, rules, v.seed);
    expect(assignFromProof(v.seed, files, proof)).toEqual(proof.assignments);
    // Every recusal holds in the vectors' assignments.
    for (const a of proof.assignments) {
      const r = proof.reviewers.find((x) => x.id === a.reviewer)!;
      expect(r.excludedDepartments).not.toContain(a.departmentCode);
      expect(r.excludedFiles).not.toContain(`${a.departmentCode}\t${a.caseNumber}`);
    }
  });
});

describe('the Python verifier (scripts/verify_draw.py)', () => {
  it('passes its self-test against the same vectors', () => {
    const run = spawnSync('python3', [join(__dirname, '..', '..', '..', 'scripts', 'verify_draw.py'), '--self-test'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^OK: self-test .* 7 files and the same 14 reviewer assignments/);
    expect(run.status).toBe(0);
  });
});
