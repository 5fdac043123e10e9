import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { TEXT_PROBLEM_MESSAGES, textProblem, validationFailed, type FieldError } from '@rol/domain';

/** Deeper than any request the API takes (a scoring standard is 4 levels): more is refused, not recursed into. */
export const MAX_JSON_DEPTH = 16;

/**
 * Runs before validation on every body, query and path parameter: refuses JSON nested too deep
 * (the validators recurse) and text no database column can hold (NUL, other control characters,
 * lone surrogates), naming the field. Tabs and line breaks stay allowed here; names refuse them
 * with `@SingleLine()`. A file sent as text (CSV) is checked row by row by its import instead.
 */
@Injectable()
export class InputSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    if (typeof value === 'string') {
      if (metadata.type !== 'body') check(value, metadata.data ?? metadata.type);
    } else if (value !== null && typeof value === 'object') {
      inspect(value, metadata.data ?? '');
    }
    return value;
  }
}

function check(text: string, field: string): void {
  const problem = textProblem(text);
  if (problem) throw validationFailed([{ field, code: problem, message: `${field} ${TEXT_PROBLEM_MESSAGES[problem]}` }]);
}

/** Walks the value without recursion (a hostile depth cannot overflow the stack) and reports the first problem. */
function inspect(root: object, rootPath: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      check(value, path || 'body');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      const error: FieldError = { field: path || 'body', code: 'NESTING_TOO_DEEP', message: `请求内容嵌套层级过深（最多 ${MAX_JSON_DEPTH} 层）` };
      throw validationFailed([error]);
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
    } else {
      for (const [key, item] of Object.entries(value)) {
        const child = path ? `${path}.${key}` : key;
        check(key, child);
        stack.push({ value: item, path: child, depth: depth + 1 });
      }
    }
  }
}
