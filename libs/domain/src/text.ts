/**
 * What a text a person typed may contain. PostgreSQL refuses NUL in text and unpaired UTF-16
 * surrogates in JSON; control characters in a name hide in lists and break exports.
 */

/** Why a text is refused, or undefined when it is fine. */
export type TextProblem = 'CONTROL_CHARACTER' | 'LINE_BREAK' | 'INVALID_UNICODE';

/**
 * Checks a text. Free text (a note, a report) may hold tabs and line breaks; a single-line text
 * (a name, a code, a title) may not. Other C0 controls, DEL and lone surrogates are never allowed.
 */
export function textProblem(s: string, singleLine = false): TextProblem | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) {
      if (singleLine) return 'LINE_BREAK';
    } else if (c < 32 || c === 127) {
      return 'CONTROL_CHARACTER';
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return 'INVALID_UNICODE';
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return 'INVALID_UNICODE';
    }
  }
  return undefined;
}

/** Newlines, tabs, NUL and the other C0 controls, DEL. */
export function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
}

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  CONTROL_CHARACTER: '含有不允许的控制字符（如 NUL），请删除后重试',
  LINE_BREAK: '不能含有换行或制表符',
  INVALID_UNICODE: '含有无效的 Unicode 字符，请重新输入',
};

/** An evidence link a browser may open safely: http or https with a host, nothing else. */
export function isHttpUrl(s: string, maxLength = 2000): boolean {
  if (s.length === 0 || s.length > maxLength || hasControlChar(s)) return false;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
}
