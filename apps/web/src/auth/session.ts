/** The signed-in user's session: the API's access token and what it says about the user. */
export type Role = 'office_admin' | 'office_staff' | 'department_user' | 'reviewer' | 'operator';

export interface Session {
  token: string;
  userId: string;
  username: string;
  role: Role;
  departmentId: string | null;
  /** Epoch milliseconds after which the API refuses the token. */
  expiresAt: number;
}

export const ROLE_LABELS: Record<Role, string> = {
  office_admin: '监督科负责人',
  office_staff: '监督科工作人员',
  department_user: '部门联络员',
  reviewer: '评查人员',
  operator: '运维人员',
};

const KEY = 'rol.session';

function decode(token: string): Session {
  const payload = JSON.parse(decodeURIComponent(escape(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))));
  return { token, userId: payload.sub, username: payload.username, role: payload.role, departmentId: payload.departmentId ?? null, expiresAt: payload.exp * 1000 };
}

export function saveSession(token: string): Session {
  const session = decode(token);
  localStorage.setItem(KEY, token);
  return session;
}

/** The stored session, or null when there is none or it has expired. */
export function loadSession(): Session | null {
  const token = localStorage.getItem(KEY);
  if (!token) return null;
  try {
    const session = decode(token);
    return session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

export const isOffice = (role: Role | undefined) => role === 'office_admin' || role === 'office_staff';
