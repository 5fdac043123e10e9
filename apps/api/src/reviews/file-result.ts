import { GRADE_LABELS, combineReviews, scoreSheet, type Grade, type ScoreSheet, type ScoringStandard, type SheetResult } from '@rol/domain';

/** One active assignment of a drawn file with its review, as the result queries read it. */
export interface FileReviewRow {
  review_id: string | null;
  sheet: ScoreSheet | null;
  standard: ScoringStandard | null;
  submitted: boolean;
  submitted_at?: Date | string | null;
}

export interface CombinedFile {
  /** Every active assignment's review is submitted (and there is at least one). */
  reviewed: boolean;
  score: number | null;
  grade: Grade | null;
  gradeLabel: string | null;
  reviewIds: string[];
  /** Submitted sheets (评查人数 once reviewed). */
  sheets: SheetResult[];
  /** Basic criteria (一票否决) any submitted sheet vetoed, by code, in the standard's order. */
  vetoes: { code: string; title: string }[];
  /** When the last sheet was submitted, once the file is reviewed. */
  reviewedAt: Date | null;
}

/**
 * A drawn file's combined result from its assignments' rows (一卷多人: combineReviews over the
 * submitted sheets, each scored with the standard it used). Pending while any assignment is not submitted.
 */
export function combineFile(rows: FileReviewRow[]): CombinedFile {
  const sheets: SheetResult[] = [];
  const reviewIds: string[] = [];
  const vetoed = new Set<string>();
  let standard: ScoringStandard | undefined;
  let pending = 0;
  let last: Date | null = null;
  for (const r of rows) {
    if (r.submitted && r.sheet && r.standard) {
      sheets.push(scoreSheet(r.standard, r.sheet));
      reviewIds.push(r.review_id!);
      standard ??= r.standard;
      for (const v of r.sheet.vetoes) vetoed.add(v.criterionCode);
      const at = r.submitted_at ? new Date(r.submitted_at) : null;
      if (at && (!last || at > last)) last = at;
    } else pending++;
  }
  const done = pending === 0 && sheets.length > 0;
  const combined = done ? combineReviews(sheets, standard) : null;
  const titles = new Map((standard?.basicCriteria ?? []).map((c, i) => [c.code, { title: c.title, i }]));
  const vetoes = [...vetoed]
    .map((code) => ({ code, title: titles.get(code)?.title ?? code, i: titles.get(code)?.i ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.i - b.i)
    .map(({ code, title }) => ({ code, title }));
  return {
    reviewed: done,
    score: combined?.score ?? null,
    grade: combined?.grade ?? null,
    gradeLabel: combined ? GRADE_LABELS[combined.grade] : null,
    reviewIds,
    sheets,
    vetoes,
    reviewedAt: done ? last : null,
  };
}
