import { DEFAULT_ASSESSMENT_BANDS, Measure, type IndicatorTree } from './assessment';
import { EXCELLENT_UNIT_RATE, Grade } from './scoring';

const office = (code: string, name: string, points: number, guidance: string) => ({ code, name, points, guidance });

/**
 * The shipped 指标体系, modeled on the first-level areas of the national 市县法治政府建设示范指标体系
 * (2021年版, 中央依法治国办). The leaves this engine can measure from the cycle's events carry a
 * formula (`measure`); the others are scored by the office with evidence (扣分制: unscored counts
 * full). Offices publish their own versions; a campaign pins the version it assesses with.
 */
export const DEFAULT_INDICATOR_TREE: IndicatorTree = {
  code: 'rule-of-law-2021',
  name: '法治政府建设年度考核指标体系（参照市县法治政府建设示范指标体系2021年版）',
  indicators: [
    { code: '1', name: '政府职能依法全面履行', points: 8, children: [
      office('1.1', '深化简政放权，行政审批事项依法实施', 4, '发现变相许可、超时限办理等问题的，每项扣 1 分'),
      office('1.2', '权责清单、市场准入负面清单依法公开并动态调整', 4, '未公开或未按时调整的，每项扣 1 分'),
    ] },
    { code: '2', name: '依法行政制度体系完善', points: 8, children: [
      office('2.1', '行政规范性文件合法性审核全覆盖', 4, '未经合法性审核即印发的，每件扣 2 分'),
      office('2.2', '行政规范性文件按规定备案、清理', 4, '未按期备案或清理的，每件扣 1 分'),
    ] },
    { code: '3', name: '重大行政决策科学民主合法', points: 8, children: [
      office('3.1', '重大行政决策严格履行法定程序', 5, '缺少公众参与、专家论证、风险评估等程序的，每项扣 1 分'),
      office('3.2', '重大行政决策经合法性审查', 3, '未经合法性审查的，每项扣 1.5 分'),
    ] },
    { code: '4', name: '行政执法严格规范公正文明', points: 30, children: [
      office('4.1', '全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度', 4, '制度未落实的，每项扣 1 分'),
      { code: '4.2', name: '行政执法案卷质量', points: 20, children: [
        { code: '4.2.1', name: '抽查案卷合格率', points: 6, measure: Measure.FilePassRate },
        { code: '4.2.2', name: '抽查案卷优秀率', points: 4, measure: Measure.FileExcellentRate },
        { code: '4.2.3', name: '抽查案卷平均得分', points: 6, measure: Measure.FileAverageScore },
        { code: '4.2.4', name: '无一票否决案卷', points: 4, measure: Measure.VetoedFiles, pointsPerFile: 2 },
      ] },
      { code: '4.3', name: '行政执法监督意见落实', points: 6, children: [
        { code: '4.3.1', name: '监督意见书按期签收', points: 2, measure: Measure.LettersAcknowledgedInTime },
        { code: '4.3.2', name: '整改事项销号率', points: 2, measure: Measure.RectificationClosureRate },
        { code: '4.3.3', name: '整改事项按期销号率', points: 2, measure: Measure.RectificationOnTimeRate },
      ] },
    ] },
    office('5', '突发事件应对依法有序', 4, '应急预案未依法制定、修订或演练的，每项扣 1 分'),
    { code: '6', name: '社会矛盾纠纷依法有效化解', points: 6, children: [
      office('6.1', '行政复议决定依法履行，被纠错率下降', 3, '被撤销、确认违法的，每件扣 0.5 分'),
      office('6.2', '行政机关负责人出庭应诉', 3, '未按规定出庭应诉的，每次扣 0.5 分'),
    ] },
    { code: '7', name: '行政权力制约和监督科学有效', points: 12, children: [
      { code: '7.1', name: '督办事项（催办、约谈、通报）', points: 6, measure: Measure.EscalationDeductions },
      office('7.2', '政务公开和自觉接受监督', 6, '应公开未公开、对监督意见未回应的，每项扣 1 分'),
    ] },
    office('8', '法治政府建设数字化水平提升', 4, '行政执法信息未按要求录入平台的，每项扣 1 分'),
    { code: '9', name: '政府工作人员法治思维和依法行政能力提高', points: 6, children: [
      office('9.1', '领导干部学法用法制度落实', 3, '未按计划组织学法的，每次扣 1 分'),
      office('9.2', '行政执法人员培训和持证上岗', 3, '执法人员未达培训学时或无证执法的，每人扣 0.5 分'),
    ] },
    { code: '10', name: '法治政府建设组织领导落实到位', points: 14, children: [
      { code: '10.1', name: '年度工作要点任务按时完成', points: 6, measure: Measure.TasksOnTime },
      { code: '10.2', name: '行政执法自查', points: 6, children: [
        { code: '10.2.1', name: '自查按时报送（逾期不报视为未开展）', points: 3, measure: Measure.SelfCheckOnTime },
        { code: '10.2.2', name: '自查经审核通过', points: 3, measure: Measure.SelfCheckAccepted },
      ] },
      office('10.3', '党政主要负责人履行推进法治建设第一责任人职责，按时报送年度报告', 2, '未按时报送年度法治政府建设情况报告的，扣 2 分'),
    ] },
  ],
  bands: DEFAULT_ASSESSMENT_BANDS,
  unitBars: [{ grade: Grade.Excellent, minExcellentRate: EXCELLENT_UNIT_RATE, minPassRate: 1 }],
  escalationPoints: { remind: 0, urge: 1, interview: 2, notice: 3 },
  objectionWindow: { amount: 5, unit: 'working_days' },
};
