import createClient, { type Middleware } from 'openapi-fetch';
import { clearSession, loadSession } from '../auth/session';
import type { paths } from './schema';

/** The API's error shape (README): a stable code, a Chinese message, and the refused fields. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; code: string; message: string; row?: number }[];
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody) {
    super(body.message);
  }
}

/** Where the console sends a user whose session ended, with the reason shown on the sign-in page. */
export const SIGNED_OUT_EVENT = 'rol:signed-out';

const auth: Middleware = {
  onRequest({ request }) {
    const session = loadSession();
    if (session) request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !request.url.endsWith('/auth/token')) {
      clearSession();
      window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: '登录已过期，请重新登录' }));
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** Unwraps an openapi-fetch result: the data, or an ApiError with the API's Chinese message. */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await promise;
  } catch {
    throw new ApiError(0, { statusCode: 0, code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
  }
  if (result.error !== undefined || !result.response.ok) {
    const body = (result.error ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(result.response.status, {
      statusCode: result.response.status,
      code: body.code ?? 'UNKNOWN',
      message: body.message ?? `请求失败（${result.response.status}），请稍后重试`,
      errors: body.errors,
    });
  }
  return result.data as T;
}

/** A fresh Idempotency-Key for one user action: a retry of the same action sends the same key. */
export const newActionKey = () => crypto.randomUUID();

/** Downloads a file the API serves (DOCX, CSV…) with the user's token. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const session = loadSession();
  const res = await fetch(path, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as Partial<ApiErrorBody>;
    throw new ApiError(res.status, { statusCode: res.status, code: body.code ?? 'UNKNOWN', message: body.message ?? '下载失败，请稍后重试' });
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000); // revoking at once can cancel the download
}

/** One page of a paged list: its rows, and the total the API sends in X-Total-Count. */
export async function page<T>(promise: Promise<{ data?: T[]; error?: unknown; response: Response }>): Promise<{ items: T[]; total: number }> {
  let total = 0;
  const items = await call(
    promise.then((result) => {
      total = Number(result.response.headers.get('x-total-count') ?? 0);
      return result;
    }),
  );
  return { items, total: total || items.length };
}

/** Sends a file's bytes as the body (imports): openapi-fetch would JSON-encode it. */
export async function upload<T>(path: string, file: File | Blob, contentType: string): Promise<T> {
  const session = loadSession();
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': contentType, ...(session ? { authorization: `Bearer ${session.token}` } : {}) }, body: file });
  } catch {
    throw new ApiError(0, { statusCode: 0, code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
  }
  const body = await res.json().catch(() => ({}));
  if (res.status === 401) {
    clearSession();
    window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: '登录已过期，请重新登录' }));
  }
  if (!res.ok) throw new ApiError(res.status, { statusCode: res.status, code: body.code ?? 'UNKNOWN', message: body.message ?? `上传失败（${res.status}）`, errors: body.errors });
  return body as T;
}

export type Schemas = import('./schema').components['schemas'];

export type Attachment = Schemas['AttachmentDto'];

/**
 * POSTs a body, reporting upload progress from 0 to 100 (XMLHttpRequest: fetch cannot report
 * upload progress). The API reads imports and attachments as they arrive, so the bytes sent are
 * also the rows read and checked.
 */
function postWithProgress<T>(path: string, body: XMLHttpRequestBodyInit, contentType: string | undefined, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const session = loadSession();
    if (session) xhr.setRequestHeader('authorization', `Bearer ${session.token}`);
    if (contentType) xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, { statusCode: 0, code: 'NETWORK', message: '上传失败：无法连接服务器，请检查网络后重试' }));
    xhr.onload = () => {
      let answer: Partial<ApiErrorBody> & Record<string, unknown> = {};
      try {
        answer = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: the status says it */
      }
      if (xhr.status === 401) {
        clearSession();
        window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: '登录已过期，请重新登录' }));
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(answer as T);
      else reject(new ApiError(xhr.status, { statusCode: xhr.status, code: answer.code ?? 'UNKNOWN', message: answer.message ?? `上传失败（${xhr.status}），请稍后重试`, errors: answer.errors }));
    };
    xhr.send(body);
  });
}

/** Uploads one file as an attachment (multipart, field `file`), reporting progress. */
export function uploadAttachment(file: File, onProgress?: (percent: number) => void): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file);
  return postWithProgress<Attachment>('/api/v1/attachments', form, undefined, onProgress);
}

/** Sends a spreadsheet's bytes as the body of an import, reporting progress. */
export function uploadImport<T>(path: string, file: File, onProgress?: (percent: number) => void): Promise<T> {
  const contentType = file.name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  return postWithProgress<T>(path, file, contentType, onProgress);
}
