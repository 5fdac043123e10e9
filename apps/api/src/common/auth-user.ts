import type { Role } from '@rol/domain';

/** Who is calling: read from the verified access token. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  departmentId: string | null;
}
