/** Who uses the system (see shared/DOMAIN.md, "Who uses it"). */
export const Role = {
  OfficeAdmin: 'office_admin',
  OfficeStaff: 'office_staff',
  DepartmentUser: 'department_user',
  Reviewer: 'reviewer',
  Operator: 'operator',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

export const ROLE_LABELS: Record<Role, string> = {
  office_admin: '监督科管理员',
  office_staff: '监督科工作人员',
  department_user: '执法部门用户',
  reviewer: '评查人员',
  operator: '运维人员',
};

/** The supervision office (监督科): may see every department's items. */
export function isOffice(role: Role): boolean {
  return role === Role.OfficeAdmin || role === Role.OfficeStaff;
}
