type Query = (sql: string, params?: unknown[]) => Promise<{ id: string }[]>;

/**
 * An issued letter of `ids.campaign` to `ids.d1` (issued by `ids.admin`) with one item and its open
 * rectification item, as the API's issue transaction leaves them; sets `ids.letter` and `ids.item`.
 */
export async function insertIssuedLetterWithItem(q: Query, ids: Record<string, string>): Promise<void> {
  [{ id: ids.letter }] = await q(
    `INSERT INTO opinion_letters (campaign_id, department_id, status, intro, closing, office, year, sequence, document_number, issued_at, issued_by, acknowledge_due_at, objection_due_at)
     VALUES ($1, $2, 'issued', '开头', '结尾', '市司法局', 2026, 1, 'X司监〔2026〕1号', now(), $3, now() + interval '3 days', now() + interval '10 days') RETURNING id`,
    [ids.campaign, ids.d1, ids.admin],
  );
  [{ id: ids.item }] = await q(`INSERT INTO opinion_items (letter_id, position, problem, rule, action, deadline, deadline_at) VALUES ($1, 1, '问题', '规定', '整改', '{}', now() + interval '30 days') RETURNING id`, [ids.letter]);
  await q(
    `INSERT INTO rectification_items (id, campaign_id, department_id, letter_id, status, deadline_at, original_deadline_at, workflow_id)
     VALUES ($1, $2, $3, $4, 'open', now() + interval '30 days', now() + interval '30 days', $5)`,
    [ids.item, ids.campaign, ids.d1, ids.letter, `rectification-${ids.item}`],
  );
}
