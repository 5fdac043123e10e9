import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode, type FieldError } from '@rol/domain';
import { isDatabaseUnavailable, isTemporalUnavailable } from './unavailable';

interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
}

/** One place maps every error code to an HTTP status; a new code nobody maps fails to compile. */
export function statusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.AttachmentMissing:
    case ErrorCode.ImportRejected:
    case ErrorCode.MalformedBody:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.Unauthenticated:
    case ErrorCode.InvalidCredentials:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.Forbidden:
    case ErrorCode.ForbiddenDepartment:
    case ErrorCode.NotAssigned:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.NotFound:
    case ErrorCode.TaskNotFound:
    case ErrorCode.AttachmentNotFound:
    case ErrorCode.NotificationNotFound:
    case ErrorCode.WorkflowNotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.UsernameTaken:
    case ErrorCode.DepartmentCodeTaken:
    case ErrorCode.CaseNumberTaken:
    case ErrorCode.CampaignYearTaken:
    case ErrorCode.CampaignClosed:
    case ErrorCode.TaskAlreadyCompleted:
    case ErrorCode.SelfCheckTemplateLocked:
    case ErrorCode.SelfCheckWindowNotOpen:
    case ErrorCode.SelfCheckWindowClosed:
    case ErrorCode.SelfCheckNotEditable:
    case ErrorCode.SelfCheckNotSubmitted:
    case ErrorCode.DrawNotReady:
    case ErrorCode.DrawAlreadyDone:
    case ErrorCode.DrawSeedCommitted:
    case ErrorCode.ReviewWindowClosed:
    case ErrorCode.ReviewNotEditable:
    case ErrorCode.RectificationStateConflict:
    case ErrorCode.ObjectionWindowClosed:
    case ErrorCode.LetterAlreadyAcknowledged:
    case ErrorCode.LetterNotDraft:
    case ErrorCode.LetterNotIssued:
    case ErrorCode.RulesLocked:
    case ErrorCode.CampaignDraftSettled:
    case ErrorCode.NoCampaignToCopy:
    case ErrorCode.OfficeSettingsPlaceholder:
    case ErrorCode.AssessmentNotPublished:
    case ErrorCode.AssessmentLocked:
    case ErrorCode.ObjectionAlreadyFiled:
    case ErrorCode.AnnualReportSubmitted:
    case ErrorCode.ReviewerPoolEmpty:
    case ErrorCode.CaseFileNotDrawn:
    case ErrorCode.ScansLocked:
    case ErrorCode.OperationNotAllowed:
      return HttpStatus.CONFLICT;
    case ErrorCode.ExtensionInvalid:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.CalendarYearMissing:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorCode.PayloadTooLarge:
    case ErrorCode.AttachmentTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorCode.UnsupportedMediaType:
    case ErrorCode.AttachmentTypeNotAllowed:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ErrorCode.DepartmentNotInCampaign:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.AccountLocked:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.WorkflowUnavailable:
    case ErrorCode.DatabaseUnavailable:
    case ErrorCode.StepFailed:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ErrorCode.InternalError:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    default: {
      const unmapped: never = code;
      throw new Error(`unmapped error code ${String(unmapped)}`);
    }
  }
}

/** Framework errors (unknown route, unreadable body…) answered in the same shape as domain errors. */
function fromHttpException(exception: HttpException): DomainError {
  const status = exception.getStatus();
  switch (status) {
    case HttpStatus.NOT_FOUND:
      return new DomainError(ErrorCode.NotFound, '请求的资源不存在');
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return new DomainError(ErrorCode.PayloadTooLarge, '请求体过大');
    case HttpStatus.UNAUTHORIZED:
      return new DomainError(ErrorCode.Unauthenticated, '未登录或登录已失效');
    case HttpStatus.FORBIDDEN:
      return new DomainError(ErrorCode.Forbidden, '无权执行此操作');
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return new DomainError(ErrorCode.UnsupportedMediaType, '不支持的请求内容类型');
    case HttpStatus.BAD_REQUEST:
      return new DomainError(ErrorCode.MalformedBody, '请求体格式错误，无法解析');
    default:
      return new DomainError(ErrorCode.InternalError, '服务器内部错误');
  }
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    let error: DomainError;
    if (exception instanceof DomainError) error = exception;
    else if (exception instanceof HttpException) error = fromHttpException(exception);
    else if (isBodyParserError(exception)) error = fromHttpException(new HttpException('', exception.status));
    else if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${String((exception as Error).message ?? exception)}`);
      error = new DomainError(ErrorCode.DatabaseUnavailable, '数据库暂时无法访问，请稍后重试；已提交的操作不会丢失，重试不会重复办理');
    } else if (isTemporalUnavailable(exception)) {
      this.logger.warn(`temporal unavailable: ${String((exception as Error).message ?? exception)}`);
      error = new DomainError(ErrorCode.WorkflowUnavailable, '工作流服务暂时无法访问，请稍后重试');
    } else {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      error = new DomainError(ErrorCode.InternalError, '服务器内部错误');
    }
    const statusCode = statusOf(error.code);
    const body: ErrorBody = { statusCode, code: error.code, message: error.message };
    if (error.details?.length) body.errors = error.details;
    response.status(statusCode).json(body);
  }
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return typeof e === 'object' && e !== null && 'type' in e && 'status' in e && typeof (e as { status: unknown }).status === 'number';
}
