/**
 * 评查人员库: who may be drawn as a reviewer in a campaign. Each entry is a `reviewer` account with
 * the capacity it serves in; an officer of a department keeps that department on the entry, so the
 * draw never gives them their own unit's files (回避).
 */
export const ReviewerCategory = {
  OfficeStaff: 'office_staff',
  DepartmentOfficer: 'department_officer',
  Supervisor: 'supervisor',
  Lawyer: 'lawyer',
} as const;
export type ReviewerCategory = (typeof ReviewerCategory)[keyof typeof ReviewerCategory];
export const REVIEWER_CATEGORIES: readonly ReviewerCategory[] = Object.values(ReviewerCategory);
export const REVIEWER_CATEGORY_LABELS: Record<ReviewerCategory, string> = {
  office_staff: '机关工作人员',
  department_officer: '部门执法人员',
  supervisor: '特邀行政执法监督员',
  lawyer: '律师',
};

/** A review's state as the reviewer's list shows it: not started, draft, submitted, returned for 复核. */
export const REVIEW_STATUS_LABELS: Record<'pending' | 'draft' | 'submitted' | 'returned', string> = {
  pending: '待评查',
  draft: '草稿',
  submitted: '已提交',
  returned: '退回复核',
};
