import type { Stack } from './stack';

/**
 * Puts every reviewer account into the campaign's 评查人员库 (the draw assigns only its members):
 * one with a department as 部门执法人员 (recused from that department's files), the others as 特邀行政执法监督员.
 */
export async function poolAllReviewers(stack: Pick<Stack, 'request'>, token: string, campaignId: string): Promise<string[]> {
  const users = (await stack.request<{ id: string; role: string; departmentId: string | null }[]>('GET', '/users', { token })).body;
  const reviewers = users.filter((u) => u.role === 'reviewer');
  for (const u of reviewers) {
    const res = await stack.request('PUT', `/campaigns/${campaignId}/reviewer-pool/${u.id}`, { token, body: { category: u.departmentId ? 'department_officer' : 'supervisor' } });
    if (res.status !== 200) throw new Error(`adding ${u.id} to the reviewer pool: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return reviewers.map((r) => r.id);
}
