import type { ScoringStandard } from './scoring';
import { Grade } from './scoring';

/**
 * The default 评查标准, modelled on provincial case-file review standards (行政执法案卷评查标准).
 * A review records the standard code it used; a province's own standard gets its own code.
 * Criterion codes are stable: scoring sheets refer to them. `basis` is the provision a criterion
 * applies (here the 行政处罚法 of 2021), which a 监督意见书 cites as the item's 依据; a criterion
 * without one is cited by its place in the standard (`criterionBasis`).
 */
export const DEFAULT_SCORING_STANDARD: ScoringStandard = {
  code: 'default',
  name: '行政执法案卷评查标准（默认，参照省级标准）',
  sections: [
    {
      code: 'subject',
      title: '执法主体',
      points: 10,
      criteria: [
        { code: 'subject-authority', title: '超越法定职权或委托权限实施执法', maxDeduction: 5, basis: '《中华人民共和国行政处罚法》第十七条、第二十条' },
        { code: 'subject-officers', title: '调查取证、询问等执法人员少于两人', maxDeduction: 4, basis: '《中华人民共和国行政处罚法》第四十二条第一款' },
        { code: 'subject-certificate', title: '执法人员未出示执法证件或文书中未载明执法证件号', maxDeduction: 3, basis: '《中华人民共和国行政处罚法》第五十五条第一款' },
        { code: 'subject-delegation', title: '受委托组织未以委托机关名义实施执法', maxDeduction: 3, basis: '《中华人民共和国行政处罚法》第二十条第三款' },
      ],
    },
    {
      code: 'facts',
      title: '事实证据',
      points: 25,
      criteria: [
        { code: 'facts-description', title: '违法事实认定表述不清楚、不完整（时间、地点、情节、后果）', maxDeduction: 6, basis: '《中华人民共和国行政处罚法》第四十条' },
        { code: 'facts-identity', title: '当事人主体资格或身份证明材料缺失', maxDeduction: 4, basis: '《中华人民共和国行政处罚法》第五十四条第一款' },
        { code: 'facts-evidence-form', title: '证据形式不合法（未签名、未注明出处、复印件未核对原件）', maxDeduction: 5, basis: '《中华人民共和国行政处罚法》第四十六条' },
        { code: 'facts-cross-exam', title: '证据未经质证或未经当事人确认', maxDeduction: 5, basis: '《中华人民共和国行政处罚法》第四十六条' },
        { code: 'facts-chain', title: '证据之间相互矛盾或未形成完整证据链', maxDeduction: 6, basis: '《中华人民共和国行政处罚法》第四十条、第四十六条' },
      ],
    },
    {
      code: 'law',
      title: '法律适用',
      points: 20,
      criteria: [
        { code: 'law-citation', title: '引用法律条款不准确、不完整（未具体到条、款、项）', maxDeduction: 6, basis: '《中华人民共和国行政处罚法》第五十九条第一款第（三）项' },
        { code: 'law-discretion', title: '未按行政裁量权基准行使裁量权', maxDeduction: 6, basis: '《中华人民共和国行政处罚法》第三十四条' },
        { code: 'law-reasons', title: '未说明适用法律依据和裁量理由', maxDeduction: 4, basis: '《中华人民共和国行政处罚法》第四十四条' },
        { code: 'law-proportion', title: '处理种类、幅度与违法情节不相当', maxDeduction: 6, basis: '《中华人民共和国行政处罚法》第五条第二款' },
      ],
    },
    {
      code: 'procedure',
      title: '执法程序',
      points: 25,
      criteria: [
        { code: 'procedure-filing', title: '未按规定立案或立案审批不规范', maxDeduction: 4, basis: '《中华人民共和国行政处罚法》第五十四条第二款' },
        { code: 'procedure-statement', title: '未告知陈述、申辩权利或未听取陈述、申辩', maxDeduction: 6, basis: '《中华人民共和国行政处罚法》第四十四条、第四十五条' },
        { code: 'procedure-hearing', title: '未告知听证权利或未依法组织听证', maxDeduction: 6, basis: '《中华人民共和国行政处罚法》第六十三条、第六十四条' },
        { code: 'procedure-legal-review', title: '重大执法决定未经法制审核', maxDeduction: 6, basis: '《中华人民共和国行政处罚法》第五十八条' },
        { code: 'procedure-time-limit', title: '超过法定办案期限且无延期审批', maxDeduction: 5, basis: '《中华人民共和国行政处罚法》第六十条' },
        { code: 'procedure-service', title: '文书送达不符合法定方式或无送达回证', maxDeduction: 4, basis: '《中华人民共和国行政处罚法》第六十一条' },
      ],
    },
    {
      code: 'documents',
      title: '文书制作',
      points: 10,
      criteria: [
        { code: 'documents-number', title: '文书文号错误或缺失', maxDeduction: 2 },
        { code: 'documents-format', title: '文书格式不规范、要素不齐全', maxDeduction: 3, basis: '《中华人民共和国行政处罚法》第五十九条' },
        { code: 'documents-signature', title: '文书缺少当事人或执法人员签名、日期', maxDeduction: 3, basis: '《中华人民共和国行政处罚法》第五十五条第二款' },
        { code: 'documents-seal', title: '文书未加盖印章或印章使用错误', maxDeduction: 3, basis: '《中华人民共和国行政处罚法》第五十九条第二款' },
        { code: 'documents-remedy', title: '未告知申请行政复议、提起行政诉讼的途径和期限', maxDeduction: 4, basis: '《中华人民共和国行政处罚法》第五十九条第一款第（五）项' },
      ],
    },
    {
      code: 'archiving',
      title: '立卷归档',
      points: 10,
      criteria: [
        { code: 'archiving-index', title: '卷内目录缺失或与卷内文书不符', maxDeduction: 3 },
        { code: 'archiving-order', title: '卷内文书排列顺序不规范', maxDeduction: 2 },
        { code: 'archiving-pages', title: '未编页码或页码错误', maxDeduction: 2 },
        { code: 'archiving-closure', title: '结案后未按期立卷归档', maxDeduction: 3 },
        { code: 'archiving-recording', title: '执法全过程记录音像资料未随卷归档', maxDeduction: 3, basis: '《中华人民共和国行政处罚法》第四十七条' },
      ],
    },
  ],
  basicCriteria: [
    { code: 'basic-subject', title: '执法主体不合法', basis: '《中华人民共和国行政处罚法》第十七条、第三十八条' },
    { code: 'basic-certificate', title: '执法人员无有效执法证件', basis: '《中华人民共和国行政处罚法》第四十二条' },
    { code: 'basic-facts', title: '主要事实不清', basis: '《中华人民共和国行政处罚法》第四十条' },
    { code: 'basic-evidence', title: '主要证据不足', basis: '《中华人民共和国行政处罚法》第四十条、第四十六条' },
    { code: 'basic-law', title: '适用法律依据错误', basis: '《中华人民共和国行政处罚法》第三十八条' },
    { code: 'basic-limitation', title: '超过法定时效', basis: '《中华人民共和国行政处罚法》第三十六条' },
  ],
  bands: [
    { grade: Grade.Excellent, min: 90 },
    { grade: Grade.Good, min: 80 },
    { grade: Grade.Pass, min: 60 },
    { grade: Grade.Fail, min: 0 },
  ],
  vetoMeansFail: true,
};
