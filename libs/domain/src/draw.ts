import canonicalize from 'canonicalize';
import { CASE_FILE_STATUSES, CaseFileStatus, type CaseType } from './case-file';
import type { FieldError } from './errors';
import { sha256Hex, sha256PrefixedWords, utf8Bytes } from './sha256';

/*
 * 双随机 draw: case files drawn at random from each department's catalogue, then reviewers drawn
 * at random for each file. Both are provably fair: the result is a pure function of
 * (candidate list, rules, seed), each of which is recorded as a SHA-256 hash, and the seed's hash
 * is published before the draw. Anyone holding the three can re-run the draw and get the same files
 * and reviewers, whatever order the candidates come in.
 */

export interface DrawRules {
  /**
   * 0 < rate <= 1 with at most 4 decimal places (a whole number of basis points, 0.0001 … 1): share of
   * each department's candidates. The quota is computed on the exact decimal (see sampleSize).
   */
  rate: number;
  /** Integer >= 0: at least this many per department (all of them if it has fewer). */
  min: number;
  /** Integer >= min and >= 1: at most this many per department. */
  max: number;
  /** If true: at least one file of each case type the department has, as far as n allows. */
  caseTypeCoverage: boolean;
  /** Decision dates, inclusive, 'YYYY-MM-DD', from <= to. */
  period: { from: string; to: string };
  departmentIds: 'all' | string[];
  reviewersPerFile: 1 | 2;
  /** Code of the scoring standard the review uses, e.g. 'default'. */
  standardCode: string;
  /**
   * Which case files are candidates, by status (已办结 concluded, 在办 in_progress): a non-empty list
   * of distinct statuses. New rules default to concluded files only (a review looks at finished
   * files). Absent only in rules recorded before the filter existed: then every status is a candidate.
   */
  statuses?: CaseFileStatus[];
}

export const DEFAULT_DRAW_RULES: Omit<DrawRules, 'period'> = {
  rate: 0.05,
  min: 1,
  max: 60,
  caseTypeCoverage: false,
  departmentIds: 'all',
  reviewersPerFile: 1,
  standardCode: 'default',
  statuses: [CaseFileStatus.Concluded],
};

export interface DrawCandidate {
  caseFileId: string;
  departmentId: string;
  departmentCode: string;
  caseNumber: string;
  caseType: CaseType;
  decisionDate: string;
  /** Known when the candidate comes from the catalogue; the published list does not carry it (it is already filtered). */
  status?: CaseFileStatus;
}

const RULE_KEYS: readonly string[] = ['rate', 'min', 'max', 'caseTypeCoverage', 'period', 'departmentIds', 'reviewersPerFile', 'standardCode', 'statuses'];
const RATE_TEXT = /^(?:0\.(\d{1,4})|1)$/;

/**
 * The rate in basis points (1 = 0.0001), read exactly from the number's shortest decimal text (the
 * text RFC 8785 writes in the rules' canonical JSON, e.g. 0.06 → 600); undefined unless the rate is
 * 0.0001 … 1 with at most 4 decimal places.
 */
export function rateBasisPoints(rate: number): number | undefined {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return undefined;
  const m = RATE_TEXT.exec(String(rate));
  if (!m) return undefined;
  const bp = m[1] === undefined ? 10_000 : Number(m[1].padEnd(4, '0'));
  return bp > 0 ? bp : undefined;
}
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks draw rules received from outside. Field paths are 'rules.rate', 'rules.period.from'…
 * Unknown keys are refused (DRAW_RULES_UNKNOWN_FIELD): the rules are hashed as recorded, and a
 * stray key would change the hash without changing the draw.
 */
export function validateDrawRules(rules: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, code: string, message: string) => errors.push({ field: `rules${field ? '.' + field : ''}`, code, message });
  if (!isRecord(rules)) {
    err('', 'DRAW_RULES_INVALID', '抽取规则须为对象');
    return errors;
  }
  for (const key of Object.keys(rules)) {
    if (!RULE_KEYS.includes(key)) err(key, 'DRAW_RULES_UNKNOWN_FIELD', `抽取规则中不应有字段 ${key}`);
  }
  const { rate, min, max, caseTypeCoverage, period, departmentIds, reviewersPerFile, standardCode, statuses } = rules;
  if (typeof rate !== 'number' || rateBasisPoints(rate) === undefined) {
    err('rate', 'DRAW_RATE_INVALID', '抽取比例须为大于 0 且不超过 1 的数，最多 4 位小数（如 0.05）');
  }
  const minOk = typeof min === 'number' && Number.isInteger(min) && min >= 0;
  if (!minOk) err('min', 'DRAW_MIN_INVALID', '每个部门最少抽取数须为不小于 0 的整数');
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
    err('max', 'DRAW_MAX_INVALID', '每个部门最多抽取数须为不小于 1 的整数');
  } else if (minOk && max < (min as number)) {
    err('max', 'DRAW_MAX_BELOW_MIN', '每个部门最多抽取数不得小于最少抽取数');
  }
  if (typeof caseTypeCoverage !== 'boolean') {
    err('caseTypeCoverage', 'DRAW_COVERAGE_INVALID', '是否覆盖全部案件类型须为 true 或 false');
  }
  if (!isRecord(period)) {
    err('period', 'DRAW_PERIOD_INVALID', '抽取期间须包含起止日期（from、to）');
  } else {
    const fromOk = isIsoDate(period.from);
    const toOk = isIsoDate(period.to);
    if (!fromOk) err('period.from', 'DRAW_PERIOD_DATE_INVALID', '抽取期间起始日期须为有效日期（YYYY-MM-DD）');
    if (!toOk) err('period.to', 'DRAW_PERIOD_DATE_INVALID', '抽取期间截止日期须为有效日期（YYYY-MM-DD）');
    if (fromOk && toOk && (period.from as string) > (period.to as string)) {
      err('period', 'DRAW_PERIOD_REVERSED', '抽取期间起始日期不得晚于截止日期');
    }
    for (const key of Object.keys(period)) {
      if (key !== 'from' && key !== 'to') err(`period.${key}`, 'DRAW_RULES_UNKNOWN_FIELD', `抽取期间中不应有字段 ${key}`);
    }
  }
  if (departmentIds !== 'all') {
    if (!Array.isArray(departmentIds) || departmentIds.length === 0) {
      err('departmentIds', 'DRAW_DEPARTMENTS_INVALID', '抽取部门须为 "all" 或非空的部门 ID 列表');
    } else {
      const seen = new Set<string>();
      departmentIds.forEach((id, i) => {
        if (typeof id !== 'string' || id.trim() === '') {
          err(`departmentIds[${i}]`, 'DRAW_DEPARTMENT_ID_INVALID', '部门 ID 须为非空字符串');
        } else if (seen.has(id)) {
          err(`departmentIds[${i}]`, 'DRAW_DEPARTMENT_DUPLICATED', `部门 ID ${id} 重复`);
        } else {
          seen.add(id);
        }
      });
    }
  }
  if (reviewersPerFile !== 1 && reviewersPerFile !== 2) {
    err('reviewersPerFile', 'DRAW_REVIEWERS_PER_FILE_INVALID', '每卷评查人数须为 1 或 2');
  }
  if (typeof standardCode !== 'string' || standardCode.trim() === '') {
    err('standardCode', 'DRAW_STANDARD_CODE_INVALID', '评查标准编码必填');
  }
  if (statuses !== undefined) {
    if (!Array.isArray(statuses) || statuses.length === 0 || new Set(statuses).size !== statuses.length || !statuses.every((s) => CASE_FILE_STATUSES.includes(s as CaseFileStatus))) {
      err('statuses', 'DRAW_STATUSES_INVALID', `候选案卷状态须为不重复的非空列表，取值为 ${CASE_FILE_STATUSES.join('、')}（已办结、在办）`);
    }
  }
  return errors;
}

/**
 * How many files to draw from a department with `count` candidates: min(count, clamp(round(rate × count), min, max)),
 * where round is half up on the exact product: with the rate in basis points bp,
 * round(rate × count) = floor((bp × count + 5000) / 10000), in integers (75 candidates at 0.06: 4.5 → 5).
 */
export function sampleSize(count: number, rules: Pick<DrawRules, 'rate' | 'min' | 'max'>): number {
  const bp = rateBasisPoints(rules.rate);
  if (bp === undefined) throw new Error(`draw rate ${rules.rate} is not a whole number of basis points`);
  const rounded = Math.floor((bp * count + 5000) / 10_000);
  const wanted = Math.min(rules.max, Math.max(rules.min, rounded));
  return Math.max(0, Math.min(count, wanted));
}

/** The canonical line of a candidate, as hashed in candidateListHash. */
export function candidateLine(c: Pick<DrawCandidate, 'departmentCode' | 'caseNumber' | 'caseType' | 'decisionDate'>): string {
  return `${c.departmentCode}\t${c.caseNumber}\t${c.caseType}\t${c.decisionDate}`;
}

/**
 * Code-point order, which is UTF-8 byte order (PostgreSQL `COLLATE "C"`, Python's `str.encode()`):
 * JavaScript's `<` compares UTF-16 code units, which differs for U+E000–U+FFFF against characters
 * above U+FFFF (surrogates), so units are mapped to code-point order first.
 */
function cmp(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

const codePointRank = (unit: number) => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);

/**
 * Canonical order of candidates: departmentCode, then caseNumber, in code-point (UTF-8 byte) order
 * (never localeCompare, which differs between machines). The remaining fields only
 * break ties between malformed duplicates, so that the order never depends on the input order.
 */
export function compareCandidates(a: DrawCandidate, b: DrawCandidate): number {
  return (
    cmp(a.departmentCode, b.departmentCode) ||
    cmp(a.caseNumber, b.caseNumber) ||
    cmp(a.caseType, b.caseType) ||
    cmp(a.decisionDate, b.decisionDate) ||
    cmp(a.departmentId, b.departmentId) ||
    cmp(a.caseFileId, b.caseFileId)
  );
}

/** SHA-256 of the canonical lines, each ended by '\n', in canonical order. */
export function candidateListHash(candidates: DrawCandidate[]): string {
  const sorted = [...candidates].sort(compareCandidates);
  let text = '';
  for (const c of sorted) text += candidateLine(c) + '\n';
  return sha256Hex(text);
}

/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value, by the `canonicalize` package; undefined members are left out. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}

/** SHA-256 of the UTF-8 bytes of the rules' RFC 8785 canonical JSON, as lowercase hex. */
export function rulesHash(rules: DrawRules): string {
  return sha256Hex(canonicalJson(rules));
}

export function seedHash(seed: string): string {
  return sha256Hex(seed);
}

export function rankKey(seed: string, c: Pick<DrawCandidate, 'departmentCode' | 'caseNumber'>): string {
  return sha256Hex(`${seed}\n${c.departmentCode}\n${c.caseNumber}`);
}

export interface SampledFile extends DrawCandidate {
  rankKey: string;
}

function compareRanked(a: SampledFile, b: SampledFile): number {
  return cmp(a.rankKey, b.rankKey) || compareCandidates(a, b);
}

/**
 * Keeps the candidates the rules cover: decision date within the period (both ends inclusive), department
 * selected, status among rules.statuses (when the rules have the filter and the candidate's status is known).
 */
export function filterCandidates(candidates: DrawCandidate[], rules: Pick<DrawRules, 'period' | 'departmentIds' | 'statuses'>): DrawCandidate[] {
  const departments = rules.departmentIds === 'all' ? null : new Set(rules.departmentIds);
  const statuses = rules.statuses ? new Set<string>(rules.statuses) : null;
  return candidates.filter(
    (c) =>
      c.decisionDate >= rules.period.from &&
      c.decisionDate <= rules.period.to &&
      (departments === null || departments.has(c.departmentId)) &&
      (statuses === null || c.status === undefined || statuses.has(c.status)),
  );
}

/**
 * Draws from one department's candidates. Every candidate is ranked by its rankKey ascending; with
 * caseTypeCoverage, the best-ranked file of each case type present is taken first (in rank order, up
 * to n), then the rest is filled by rank. The result is in rank order. Does not filter by period.
 */
export function drawDepartment(candidates: DrawCandidate[], rules: Pick<DrawRules, 'rate' | 'min' | 'max' | 'caseTypeCoverage'>, seed: string): SampledFile[] {
  const n = sampleSize(candidates.length, rules);
  if (n === 0) return [];
  const ranked: SampledFile[] = candidates.map((c) => ({ ...c, rankKey: rankKey(seed, c) }));
  ranked.sort(compareRanked);
  if (!rules.caseTypeCoverage) return ranked.slice(0, n);

  const taken = new Array<boolean>(ranked.length).fill(false);
  const typesSeen = new Set<string>();
  let count = 0;
  for (let i = 0; i < ranked.length && count < n; i++) {
    if (!typesSeen.has(ranked[i].caseType)) {
      typesSeen.add(ranked[i].caseType);
      taken[i] = true;
      count++;
    }
  }
  for (let i = 0; i < ranked.length && count < n; i++) {
    if (!taken[i]) {
      taken[i] = true;
      count++;
    }
  }
  return ranked.filter((_, i) => taken[i]); // still in rank order
}

/**
 * The whole draw: keeps the candidates within rules.period and rules.departmentIds, groups them by
 * departmentId, draws each department, and returns the files ordered by departmentCode then rankKey.
 * Independent of the input order.
 */
export function drawSample(candidates: DrawCandidate[], rules: DrawRules, seed: string): SampledFile[] {
  const groups = new Map<string, DrawCandidate[]>();
  for (const c of filterCandidates(candidates, rules)) {
    const group = groups.get(c.departmentId);
    if (group) group.push(c);
    else groups.set(c.departmentId, [c]);
  }
  const drawn: { departmentCode: string; departmentId: string; files: SampledFile[] }[] = [];
  for (const [departmentId, group] of groups) {
    // A department's code is taken from its smallest candidate, so that it is order-independent even if codes disagree.
    const departmentCode = group.reduce((m, c) => (c.departmentCode < m ? c.departmentCode : m), group[0].departmentCode);
    drawn.push({ departmentCode, departmentId, files: drawDepartment(group, rules, seed) });
  }
  drawn.sort((a, b) => cmp(a.departmentCode, b.departmentCode) || cmp(a.departmentId, b.departmentId));
  return drawn.flatMap((d) => d.files);
}

// ---------------------------------------------------------------------------------------------
// Reviewer assignment (closed cross-review, 回避).

export interface ReviewerCandidate {
  reviewerId: string;
  /** The reviewer's own unit; null for office staff, lawyers, invited supervisors… */
  departmentId: string | null;
}

/** A declared conflict (回避): a whole department, or one file. */
export interface ReviewerConflict {
  reviewerId: string;
  departmentId?: string | null;
  caseFileId?: string | null;
}

export interface FileToAssign {
  caseFileId: string;
  departmentId: string;
  rankKey: string;
}

export interface Assignment {
  caseFileId: string;
  reviewerId: string;
  /** 1..reviewersPerFile */
  slot: number;
}

function conflictHits(c: ReviewerConflict, file: FileToAssign): boolean {
  return (c.departmentId != null && c.departmentId === file.departmentId) || (c.caseFileId != null && c.caseFileId === file.caseFileId);
}

/** Never the reviewer's own department, never a declared conflict, never twice on one file. */
export function isEligible(file: FileToAssign, reviewer: ReviewerCandidate, conflicts: ReviewerConflict[], alreadyOnFile: string[]): boolean {
  if (reviewer.departmentId !== null && reviewer.departmentId === file.departmentId) return false;
  if (alreadyOnFile.includes(reviewer.reviewerId)) return false;
  return !conflicts.some((c) => c.reviewerId === reviewer.reviewerId && conflictHits(c, file));
}

export interface AssignReviewersInput {
  files: FileToAssign[];
  reviewers: ReviewerCandidate[];
  conflicts: ReviewerConflict[];
  perFile: number;
  seed: string;
  /** Current load per reviewerId (e.g. files already assigned in this campaign); 0 when absent. */
  load?: Record<string, number>;
  /** caseFileId → reviewers already on that file (they are not chosen again for it). */
  existing?: Record<string, string[]>;
  /** caseFileId → the slots to fill; default 1..perFile. */
  slots?: Record<string, number[]>;
  /** True when reviewerIds are already the published pseudonyms (a verifier re-running the draw). */
  pseudonymous?: boolean;
}

export interface AssignReviewersResult {
  assignments: Assignment[];
  unassigned: { caseFileId: string; slot: number }[];
}

/**
 * A reviewer's published pseudonym in one draw: SHA-256(utf8(seed + "\nreviewer-id\n" + reviewerId)), hex.
 * Stable within the draw (one seed), different in every draw, and not reversible to the internal id
 * (a random UUID) short of knowing that id already.
 */
export function reviewerPseudonym(seed: string, reviewerId: string): string {
  return sha256Hex(`${seed}\nreviewer-id\n${reviewerId}`);
}

/**
 * The tie-break key of a reviewer for a file, from public data only:
 * SHA-256(utf8(seed + "\nreviewer\n" + rankKey of the file + "\n" + pseudonym of the reviewer)), hex.
 */
export function reviewerTieKey(seed: string, fileRankKey: string, pseudonym: string): string {
  return sha256Hex(`${seed}\nreviewer\n${fileRankKey}\n${pseudonym}`);
}

/** Whether digest words at a come before those at b, as their hex strings would (unsigned words). */
function digestLess(words: Int32Array, a: number, b: number): boolean {
  for (let w = 0; w < 8; w++) {
    const x = words[a + w] >>> 0;
    const y = words[b + w] >>> 0;
    if (x !== y) return x < y;
  }
  return false;
}

/**
 * Assigns reviewers to files. Files are processed in rankKey order (then caseFileId); for each slot
 * (ascending) the eligible reviewer with the lowest current load is chosen, ties broken by
 * reviewerTieKey (on the file's rankKey and the reviewer's pseudonym) ascending; the chosen reviewer's load grows by one. A slot nobody may take is
 * reported in `unassigned`. Reviewers listed twice count once; their input order does not matter.
 *
 * Cost: O(files × slots × reviewers) cheap comparisons; hashes are computed only among the reviewers
 * tied at the lowest load, and at most once per (file, reviewer).
 */
export function assignReviewers(input: AssignReviewersInput): AssignReviewersResult {
  const reviewers: ReviewerCandidate[] = [];
  const seen = new Set<string>();
  for (const r of input.reviewers) {
    if (!seen.has(r.reviewerId)) {
      seen.add(r.reviewerId);
      reviewers.push(r);
    }
  }
  const R = reviewers.length;
  const load = new Float64Array(R);
  for (let i = 0; i < R; i++) load[i] = input.load?.[reviewers[i].reviewerId] ?? 0;

  // Conflicts indexed per reviewer.
  const conflictDepts: (Set<string> | undefined)[] = new Array(R);
  const conflictFiles: (Set<string> | undefined)[] = new Array(R);
  const indexOf = new Map<string, number>();
  reviewers.forEach((r, i) => indexOf.set(r.reviewerId, i));
  for (const c of input.conflicts) {
    const i = indexOf.get(c.reviewerId);
    if (i === undefined) continue;
    if (c.departmentId != null) (conflictDepts[i] ??= new Set()).add(c.departmentId);
    if (c.caseFileId != null) (conflictFiles[i] ??= new Set()).add(c.caseFileId);
  }

  const files = [...input.files].sort((a, b) => cmp(a.rankKey, b.rankKey) || cmp(a.caseFileId, b.caseFileId));
  const defaultSlots = Array.from({ length: Math.max(0, input.perFile) }, (_, i) => i + 1);
  const assignments: Assignment[] = [];
  const unassigned: { caseFileId: string; slot: number }[] = [];
  const eligible = new Uint8Array(R);
  // Tie keys: the digest words of reviewerTieKey, computed at most once per (file, reviewer) and
  // only for reviewers tied at the lowest load. keyFile[i] is the index of the file they belong to.
  const reviewerBytes = reviewers.map((r) => utf8Bytes(input.pseudonymous ? r.reviewerId : reviewerPseudonym(input.seed, r.reviewerId)));
  const keys = new Int32Array(R * 8);
  const keyFile = new Int32Array(R).fill(-1);
  const ties: number[] = [];

  for (let fileIndex = 0; fileIndex < files.length; fileIndex++) {
    const file = files[fileIndex];
    const slots = [...(input.slots?.[file.caseFileId] ?? defaultSlots)].sort((a, b) => a - b);
    if (slots.length === 0) continue;
    const onFile = new Set(input.existing?.[file.caseFileId] ?? []);
    for (let i = 0; i < R; i++) {
      const r = reviewers[i];
      eligible[i] =
        !(r.departmentId !== null && r.departmentId === file.departmentId) &&
        !onFile.has(r.reviewerId) &&
        !conflictDepts[i]?.has(file.departmentId) &&
        !conflictFiles[i]?.has(file.caseFileId)
          ? 1
          : 0;
    }
    let digest: ((suffix: Uint8Array, out: Int32Array, at: number) => void) | undefined;
    const keyOf = (i: number): void => {
      if (keyFile[i] === fileIndex) return;
      digest ??= sha256PrefixedWords(`${input.seed}\nreviewer\n${file.rankKey}\n`);
      digest(reviewerBytes[i], keys, i * 8);
      keyFile[i] = fileIndex;
    };
    for (const slot of slots) {
      let lowest = Infinity;
      ties.length = 0;
      for (let i = 0; i < R; i++) {
        if (!eligible[i]) continue;
        const l = load[i];
        if (l < lowest) {
          lowest = l;
          ties.length = 0;
          ties.push(i);
        } else if (l === lowest) {
          ties.push(i);
        }
      }
      if (ties.length === 0) {
        unassigned.push({ caseFileId: file.caseFileId, slot });
        continue;
      }
      let best = ties[0];
      if (ties.length > 1) {
        keyOf(best);
        for (let k = 1; k < ties.length; k++) {
          const i = ties[k];
          keyOf(i);
          if (digestLess(keys, i * 8, best * 8)) best = i;
        }
      }
      eligible[best] = 0; // never twice on one file
      load[best] += 1;
      assignments.push({ caseFileId: file.caseFileId, reviewerId: reviewers[best].reviewerId, slot });
    }
  }
  return { assignments, unassigned };
}

// ---------------------------------------------------------------------------------------------
// The reviewer half of the published proof: the pool under pseudonyms, with what each is recused
// from, and the assignments the draw made; enough for anyone to re-run assignReviewers.

/** A pool member as published: pseudonym, the department codes and the files ('code\tcaseNumber') they may not review. */
export interface PublicReviewer {
  id: string;
  excludedDepartments: string[];
  excludedFiles: string[];
}

export interface PublicAssignment {
  departmentCode: string;
  caseNumber: string;
  slot: number;
  reviewer: string;
}

export interface ReviewerProof {
  reviewersPerFile: number;
  reviewers: PublicReviewer[];
  assignments: PublicAssignment[];
}

/** A drawn file as the published result gives it. */
export interface PublishedFile {
  departmentCode: string;
  caseNumber: string;
  rankKey: string;
}

/** Files processed in rankKey order (ascending; rank keys are distinct), then by 'code\tcaseNumber'. */
const fileKey = (f: Pick<PublishedFile, 'departmentCode' | 'caseNumber'>): string => `${f.departmentCode}\t${f.caseNumber}`;

/**
 * Builds the published reviewer proof from the internal draw. Recusals are restricted to the drawn
 * departments and files (others cannot matter); every list is sorted in code-unit order.
 */
export function buildReviewerProof(input: {
  seed: string;
  sample: Pick<SampledFile, 'caseFileId' | 'departmentId' | 'departmentCode' | 'caseNumber' | 'rankKey'>[];
  reviewers: ReviewerCandidate[];
  conflicts: ReviewerConflict[];
  assignments: Assignment[];
  perFile: number;
}): ReviewerProof {
  const codeOf = new Map(input.sample.map((f) => [f.departmentId, f.departmentCode]));
  const fileOf = new Map(input.sample.map((f) => [f.caseFileId, f]));
  const pseudonyms = new Map<string, string>();
  const excluded = new Map<string, { departments: Set<string>; files: Set<string> }>();
  for (const r of input.reviewers) {
    if (pseudonyms.has(r.reviewerId)) continue;
    pseudonyms.set(r.reviewerId, reviewerPseudonym(input.seed, r.reviewerId));
    const entry = { departments: new Set<string>(), files: new Set<string>() };
    const own = r.departmentId === null ? undefined : codeOf.get(r.departmentId);
    if (own !== undefined) entry.departments.add(own);
    excluded.set(r.reviewerId, entry);
  }
  for (const c of input.conflicts) {
    const entry = excluded.get(c.reviewerId);
    if (!entry) continue;
    const code = c.departmentId == null ? undefined : codeOf.get(c.departmentId);
    if (code !== undefined) entry.departments.add(code);
    const file = c.caseFileId == null ? undefined : fileOf.get(c.caseFileId);
    if (file) entry.files.add(fileKey(file));
  }
  const reviewers = [...excluded].map(([id, e]) => ({ id: pseudonyms.get(id)!, excludedDepartments: [...e.departments].sort(cmp), excludedFiles: [...e.files].sort(cmp) }));
  reviewers.sort((a, b) => cmp(a.id, b.id));
  const assignments = input.assignments
    .map((a) => {
      const f = fileOf.get(a.caseFileId);
      if (!f) throw new Error(`assignment to a file not drawn: ${a.caseFileId}`);
      return { departmentCode: f.departmentCode, caseNumber: f.caseNumber, slot: a.slot, reviewer: pseudonyms.get(a.reviewerId)!, rankKey: f.rankKey };
    })
    .sort((a, b) => cmp(a.rankKey, b.rankKey) || cmp(fileKey(a), fileKey(b)) || a.slot - b.slot)
    .map(({ rankKey: _rankKey, ...a }) => a);
  return { reviewersPerFile: input.perFile, reviewers, assignments };
}

/**
 * Re-runs the reviewer assignment from public data only: the published result's files and the
 * proof's pseudonymous pool. Department codes stand for departments, 'code\tcaseNumber' for files.
 * Returns the assignments in processing order (file by rankKey, then slot), as buildReviewerProof lists them.
 */
export function assignFromProof(seed: string, files: PublishedFile[], proof: Pick<ReviewerProof, 'reviewers' | 'reviewersPerFile'>): PublicAssignment[] {
  const byKey = new Map(files.map((f) => [fileKey(f), f]));
  const { assignments } = assignReviewers({
    files: files.map((f) => ({ caseFileId: fileKey(f), departmentId: f.departmentCode, rankKey: f.rankKey })),
    reviewers: proof.reviewers.map((r) => ({ reviewerId: r.id, departmentId: null })),
    conflicts: proof.reviewers.flatMap((r) => [
      ...r.excludedDepartments.map((d) => ({ reviewerId: r.id, departmentId: d })),
      ...r.excludedFiles.map((f) => ({ reviewerId: r.id, caseFileId: f })),
    ]),
    perFile: proof.reviewersPerFile,
    seed,
    pseudonymous: true,
  });
  return assignments.map((a) => {
    const f = byKey.get(a.caseFileId)!;
    return { departmentCode: f.departmentCode, caseNumber: f.caseNumber, slot: a.slot, reviewer: a.reviewerId };
  });
}
