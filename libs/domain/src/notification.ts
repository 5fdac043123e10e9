/**
 * 消息中心: which recorded events become a notification, for whom, and what it says.
 *
 * A notification is written in the same transaction as the audit row of its event (see
 * `recordAudit` in @rol/db), so it exists exactly when the event was recorded, once. Department
 * notifications are seen by the users of the department concerned; office notifications by the
 * supervision office (office_admin, office_staff), for what waits on its action.
 */
export type NotificationAudience = 'department' | 'office';

export interface NotificationRule {
  audience: NotificationAudience;
  /** What happened, as the recipient reads it in the list; the subject (task, 文号, item) follows. */
  title: string;
}

export const NOTIFICATION_RULES: Record<string, NotificationRule> = {
  'task.remind': { audience: 'department', title: '任务即将到期，请在截止前报送完成情况' },
  'task.overdue': { audience: 'department', title: '任务已逾期，请尽快报送完成情况' },
  'self_check.submit': { audience: 'office', title: '部门报送了自查，待审核' },
  'self_check.accept': { audience: 'department', title: '自查已审核通过' },
  'self_check.return': { audience: 'department', title: '自查被退回，请按意见修改后重新报送' },
  'self_check.not_submitted': { audience: 'department', title: '自查逾期未报送，视为未开展' },
  'opinion_letter.issue': { audience: 'department', title: '收到监督意见书，请签收并按期整改' },
  'opinion_letter.acknowledge': { audience: 'office', title: '部门已签收监督意见书' },
  'escalation.remind': { audience: 'department', title: '即将到期提醒' },
  'escalation.urge': { audience: 'department', title: '催办：已逾期，请立即办理' },
  'escalation.interview': { audience: 'department', title: '约谈：逾期未办理，将约谈单位负责人' },
  'escalation.notice': { audience: 'department', title: '通报：逾期未办理，予以通报' },
  'rectification.report': { audience: 'office', title: '部门报送了整改报告，待审核' },
  'rectification.accept': { audience: 'department', title: '整改已审核通过，予以销号' },
  'rectification.return': { audience: 'department', title: '整改报告被退回，请按意见补充后重新报送' },
  'rectification.extension_request': { audience: 'office', title: '部门申请延期，待审批' },
  'rectification.extension_approve': { audience: 'department', title: '延期申请已批准' },
  'rectification.extension_refuse': { audience: 'department', title: '延期申请未获批准，请按原期限整改' },
  'rectification.objection': { audience: 'office', title: '部门对整改事项提出异议，待复查决定' },
  'rectification.objection_uphold': { audience: 'department', title: '异议复查：维持原意见，请继续整改' },
  'rectification.objection_withdraw': { audience: 'department', title: '异议复查：撤销该意见，无需整改' },
  'assessment.publish': { audience: 'department', title: '考核结果已发布，请查看本部门得分和计分说明；如有异议请在期限内提出' },
  'assessment.objection': { audience: 'office', title: '部门对考核结果提出异议，待处理' },
  'assessment.objection_uphold': { audience: 'department', title: '考核异议成立，已重新计算考核结果' },
  'assessment.objection_reject': { audience: 'department', title: '考核异议不予采纳，维持原考核结果' },
  'rectification.reopen': { audience: 'department', title: '整改事项重新打开（回头看），请再次整改' },
  'rectification.carry_over': { audience: 'department', title: '本年度工作周期已结束，该整改事项尚未销号，结转至下一年度继续整改' },
  'annual_report.remind': { audience: 'office', title: '年度报告即将到期，请按时报送' },
  'annual_report.remind_department': { audience: 'department', title: '本单位年度报告即将到期，请按时报送' },
  'annual_report.overdue': { audience: 'office', title: '年度报告已逾期，请尽快报送' },
  'annual_report.overdue_department': { audience: 'department', title: '本单位年度报告已逾期，请尽快报送' },
  'annual_report.department_submit': { audience: 'office', title: '部门报送了年度报告' },
};

/** The notification an event produces, if any. */
export const notificationRule = (action: string): NotificationRule | undefined => NOTIFICATION_RULES[action];
