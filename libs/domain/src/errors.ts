/**
 * Stable error codes (English, for programs) with the Chinese message shown to users.
 * The API maps each code to an HTTP status in one exhaustive switch (apps/api/src/common/domain-error.filter.ts).
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthenticated: 'UNAUTHENTICATED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  Forbidden: 'FORBIDDEN',
  ForbiddenDepartment: 'FORBIDDEN_DEPARTMENT',
  NotFound: 'NOT_FOUND',
  UsernameTaken: 'USERNAME_TAKEN',
  DepartmentCodeTaken: 'DEPARTMENT_CODE_TAKEN',
  CaseNumberTaken: 'CASE_NUMBER_TAKEN',
  ImportRejected: 'IMPORT_REJECTED',
  CampaignYearTaken: 'CAMPAIGN_YEAR_TAKEN',
  CampaignClosed: 'CAMPAIGN_CLOSED',
  TaskAlreadyCompleted: 'TASK_ALREADY_COMPLETED',
  TaskNotFound: 'TASK_NOT_FOUND',
  WorkflowUnavailable: 'WORKFLOW_UNAVAILABLE',
  MalformedBody: 'MALFORMED_BODY',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  InternalError: 'INTERNAL_ERROR',
  SelfCheckTemplateLocked: 'SELF_CHECK_TEMPLATE_LOCKED',
  SelfCheckWindowNotOpen: 'SELF_CHECK_WINDOW_NOT_OPEN',
  SelfCheckWindowClosed: 'SELF_CHECK_WINDOW_CLOSED',
  SelfCheckNotEditable: 'SELF_CHECK_NOT_EDITABLE',
  SelfCheckNotSubmitted: 'SELF_CHECK_NOT_SUBMITTED',
  DrawNotReady: 'DRAW_NOT_READY',
  DrawAlreadyDone: 'DRAW_ALREADY_DONE',
  DrawSeedCommitted: 'DRAW_SEED_COMMITTED',
  NotAssigned: 'NOT_ASSIGNED',
  ReviewWindowClosed: 'REVIEW_WINDOW_CLOSED',
  ReviewNotEditable: 'REVIEW_NOT_EDITABLE',
  RectificationStateConflict: 'RECTIFICATION_STATE_CONFLICT',
  ObjectionWindowClosed: 'OBJECTION_WINDOW_CLOSED',
  LetterAlreadyAcknowledged: 'LETTER_ALREADY_ACKNOWLEDGED',
  LetterNotDraft: 'LETTER_NOT_DRAFT',
  LetterNotIssued: 'LETTER_NOT_ISSUED',
  RulesLocked: 'RULES_LOCKED',
  ExtensionInvalid: 'EXTENSION_INVALID',
  CalendarYearMissing: 'CALENDAR_YEAR_MISSING',
  DepartmentNotInCampaign: 'DEPARTMENT_NOT_IN_CAMPAIGN',
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  AttachmentMissing: 'ATTACHMENT_MISSING',
  AttachmentTooLarge: 'ATTACHMENT_TOO_LARGE',
  AttachmentTypeNotAllowed: 'ATTACHMENT_TYPE_NOT_ALLOWED',
  AttachmentNotFound: 'ATTACHMENT_NOT_FOUND',
  OfficeSettingsPlaceholder: 'OFFICE_SETTINGS_PLACEHOLDER',
  NotificationNotFound: 'NOTIFICATION_NOT_FOUND',
  AssessmentNotPublished: 'ASSESSMENT_NOT_PUBLISHED',
  AssessmentLocked: 'ASSESSMENT_LOCKED',
  ObjectionAlreadyFiled: 'OBJECTION_ALREADY_FILED',
  CampaignDraftSettled: 'CAMPAIGN_DRAFT_SETTLED',
  NoCampaignToCopy: 'NO_CAMPAIGN_TO_COPY',
  AnnualReportSubmitted: 'ANNUAL_REPORT_SUBMITTED',
  AccountLocked: 'ACCOUNT_LOCKED',
  ReviewerPoolEmpty: 'REVIEWER_POOL_EMPTY',
  CaseFileNotDrawn: 'CASE_FILE_NOT_DRAWN',
  /** A drawn file's scans once a sheet on them is submitted. */
  ScansLocked: 'SCANS_LOCKED',
  WorkflowNotFound: 'WORKFLOW_NOT_FOUND',
  OperationNotAllowed: 'OPERATION_NOT_ALLOWED',
  /** A workflow step a person waited on failed past its bounded retries; nothing was changed, the person retries later. */
  StepFailed: 'STEP_FAILED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One reason a field (or a row of an import) was refused. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  row?: number;
}

/** An answer never lists more reasons than this; its message then says how many there are in all. */
export const MAX_LISTED_ERRORS = 1000;

export class DomainError extends Error {
  readonly details?: FieldError[];

  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: FieldError[],
  ) {
    const listed = details && details.length > MAX_LISTED_ERRORS ? details.slice(0, MAX_LISTED_ERRORS) : details;
    super(listed !== details ? `${message}（共 ${details!.length} 处，下列仅为前 ${MAX_LISTED_ERRORS} 处）` : message);
    this.details = listed;
    this.name = 'DomainError';
  }
}

export function validationFailed(errors: FieldError[], message = '请求参数校验失败'): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, message, errors);
}
