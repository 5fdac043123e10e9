import { passwordProblem } from './password';

describe('passwordProblem', () => {
  it('refuses the obvious, the username and repeated characters, naming the rule', () => {
    expect(passwordProblem('12345678', 'zhangsan')?.code).toBe('PASSWORD_TOO_COMMON');
    expect(passwordProblem('PassWord', 'zhangsan')?.code).toBe('PASSWORD_TOO_COMMON');
    expect(passwordProblem('ZhangSan01', 'zhangsan01')?.code).toBe('PASSWORD_IS_USERNAME');
    expect(passwordProblem('10nasgnahz', 'zhangsan01')?.code).toBe('PASSWORD_IS_USERNAME');
    expect(passwordProblem('aaaaaaaaaa', 'zhangsan')?.code).toBe('PASSWORD_TOO_SIMPLE');
    expect(passwordProblem('short', 'zhangsan')?.code).toBe('PASSWORD_TOO_SHORT');
  });
  it('takes a password of its own', () => {
    expect(passwordProblem('S3cure-pass', 'zhangsan')).toBeUndefined();
    expect(passwordProblem('password-123', 'user-a')).toBeUndefined();
  });
});
