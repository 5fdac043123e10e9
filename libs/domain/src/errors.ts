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
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One reason a field (or a row of an import) was refused. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  row?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function validationFailed(errors: FieldError[], message = '请求参数校验失败'): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, message, errors);
}
