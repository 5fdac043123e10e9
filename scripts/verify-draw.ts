/**
 * Re-runs a published draw and checks it, from nothing but what GET /campaigns/:id/draw,
 * GET /campaigns/:id/draw/candidates, GET /campaigns/:id/draw/result and GET /campaigns/:id/draw/reviewers
 * publish (specification: docs/draw-verification.md). It uses the product's own domain code; the
 * independent re-implementation is scripts/verify_draw.py.
 *
 *   npm run verify-draw -- --api http://127.0.0.1:3000/api/v1 --token <accessToken> --campaign <id>
 *   npm run verify-draw -- --draw draw.json --candidates candidates.txt --result result.txt [--reviewers reviewers.json]
 */
import { readFileSync } from 'node:fs';
import { CASE_TYPES, assignFromProof, candidateListHash, canonicalJson, drawSample, rulesHash, seedHash, type CaseType, type DrawCandidate, type DrawRules, type ReviewerProof } from '@rol/domain';

export interface PublishedDraw {
  seed: string;
  seedHash: string;
  rules: DrawRules;
  rulesHash: string;
  candidateCount: number;
  candidateHash: string;
}

/** Parses the published result lines: department code, case number, case type, rank key. */
export function parseResult(text: string): { departmentCode: string; caseNumber: string; caseType: string; rankKey: string }[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      const [departmentCode, caseNumber, caseType, rankKey] = line.split('\t');
      if (!rankKey) throw new Error(`result line ${i + 1} is malformed: ${line}`);
      return { departmentCode, caseNumber, caseType, rankKey };
    });
}

/** Parses the canonical candidate lines: department code, case number, case type, decision date. */
export function parseCandidates(text: string): DrawCandidate[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      const [departmentCode, caseNumber, caseType, decisionDate] = line.split('\t');
      if (!decisionDate || !CASE_TYPES.includes(caseType as CaseType)) throw new Error(`candidate line ${i + 1} is malformed: ${line}`);
      // The department code stands in for its id: the draw groups by department and ranks by code and case number only.
      return { caseFileId: `${departmentCode}/${caseNumber}`, departmentId: departmentCode, departmentCode, caseNumber, caseType: caseType as CaseType, decisionDate };
    });
}

export function verifyDraw(draw: PublishedDraw, candidatesText: string, resultText: string, proof?: ReviewerProof): { ok: boolean; problems: string[]; sampled: number } {
  const problems: string[] = [];
  const candidates = parseCandidates(candidatesText);
  if (seedHash(draw.seed) !== draw.seedHash) problems.push('SHA-256(seed) does not match the seed hash published before the draw');
  if (rulesHash(draw.rules) !== draw.rulesHash) problems.push('the rules do not match their published hash');
  if (candidates.length !== draw.candidateCount) problems.push(`candidate count ${candidates.length} ≠ published ${draw.candidateCount}`);
  if (candidateListHash(candidates) !== draw.candidateHash) problems.push('the candidate list does not match its published hash');
  const key = (f: { departmentCode: string; caseNumber: string }) => `${f.departmentCode}\t${f.caseNumber}`;
  // The frozen list is the candidate set: it is not filtered again (its department ids are codes here).
  const files = drawSample(candidates, { ...draw.rules, departmentIds: 'all' }, draw.seed);
  const expected = new Set(files.map(key));
  const published = new Set(parseResult(resultText).map(key));
  const missing = [...expected].filter((k) => !published.has(k));
  const extra = [...published].filter((k) => !expected.has(k));
  if (missing.length > 0) problems.push(`${missing.length} file(s) the re-run draws are missing from the result, e.g. ${missing[0]}`);
  if (extra.length > 0) problems.push(`${extra.length} file(s) in the result the re-run does not draw, e.g. ${extra[0]}`);
  if (proof) {
    // Compared canonically: the stored proof's members come back in PostgreSQL jsonb's key order.
    const got = canonicalJson(assignFromProof(draw.seed, files, proof));
    if (got !== canonicalJson(proof.assignments)) problems.push('the reviewer assignments re-run from the published pool differ from the published assignments');
  }
  return { ok: problems.length === 0, problems, sampled: expected.size };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  let draw: PublishedDraw;
  let candidates: string;
  let result: string;
  let proof: ReviewerProof | undefined;
  if (arg('draw') && arg('candidates') && arg('result')) {
    draw = JSON.parse(readFileSync(arg('draw')!, 'utf8'));
    candidates = readFileSync(arg('candidates')!, 'utf8');
    result = readFileSync(arg('result')!, 'utf8');
    proof = arg('reviewers') ? JSON.parse(readFileSync(arg('reviewers')!, 'utf8')) : undefined;
  } else {
    const api = arg('api') ?? 'http://127.0.0.1:3000/api/v1';
    const headers = { authorization: `Bearer ${arg('token')}` };
    const base = `${api}/campaigns/${arg('campaign')}/draw`;
    const res = await fetch(base, { headers });
    if (!res.ok) throw new Error(`GET ${base}: ${res.status} ${await res.text()}`);
    draw = (await res.json()) as PublishedDraw;
    const list = await fetch(`${base}/candidates`, { headers });
    if (!list.ok) throw new Error(`GET ${base}/candidates: ${list.status}`);
    candidates = await list.text();
    const published = await fetch(`${base}/result`, { headers });
    if (!published.ok) throw new Error(`GET ${base}/result: ${published.status}`);
    result = await published.text();
    const reviewers = await fetch(`${base}/reviewers`, { headers });
    if (!reviewers.ok) throw new Error(`GET ${base}/reviewers: ${reviewers.status}`);
    proof = (await reviewers.json()) as ReviewerProof;
  }
  const verdict = verifyDraw(draw, candidates, result, proof);
  console.log(verdict.ok ? `OK: re-ran the draw over ${draw.candidateCount} candidates and got the same ${verdict.sampled} files` : `MISMATCH:\n  ${verdict.problems.join('\n  ')}`);
  process.exit(verdict.ok ? 0 : 1);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(2);
  });
}
