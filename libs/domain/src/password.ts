import type { FieldError } from './errors';

/** Passwords anyone would try first; refused whatever the rest of the policy says. */
const OBVIOUS = new Set(['12345678', '123456789', '1234567890', '87654321', 'password', 'password1', 'passw0rd', 'qwertyui', 'qwerty123', 'abcd1234', 'abc12345', '11111111', '00000000', 'admin123', 'admin12345', 'iloveyou', 'changeme', 'change-me-in-production', 'welcome1']);

/**
 * The password policy: at least 8 characters, not an obvious one (12345678, password…), not the
 * username (either way round, any case), not one character repeated. The first reason found, or none.
 */
export function passwordProblem(password: string, username: string, field = 'password'): FieldError | undefined {
  const p = password.toLowerCase();
  const u = username.toLowerCase();
  if (password.length < 8) return { field, code: 'PASSWORD_TOO_SHORT', message: `${field} 密码至少 8 个字符` };
  if (OBVIOUS.has(p)) return { field, code: 'PASSWORD_TOO_COMMON', message: `${field} 密码过于常见，请换一个不易猜到的密码` };
  if (p === u || p === [...u].reverse().join('')) return { field, code: 'PASSWORD_IS_USERNAME', message: `${field} 密码不能与用户名相同` };
  if (new Set(p).size === 1) return { field, code: 'PASSWORD_TOO_SIMPLE', message: `${field} 密码不能由同一个字符重复组成` };
  return undefined;
}
