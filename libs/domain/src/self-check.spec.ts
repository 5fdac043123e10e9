import { answerLabel, DEFAULT_SELF_CHECK_TEMPLATE, validateAnswers, validateTemplate, type SelfCheckTemplate } from './self-check';

describe('自查表 (validateTemplate)', () => {
  it('accepts the default template', () => {
    expect(validateTemplate(DEFAULT_SELF_CHECK_TEMPLATE)).toEqual([]);
  });

  it('answers malformed templates with errors, never an exception, naming the part and item as a clerk counts them', () => {
    const cases: unknown[] = [
      null,
      { sections: 'x' },
      { sections: [null] },
      { sections: [{ code: 'a', title: 'A', items: [null] }] },
      { sections: [{ code: 'a', title: {}, items: [{ code: 'i', title: {}, answerType: 'yes_no_partial', evidenceRequired: false, points: 0 }] }] },
      { sections: [{ code: {}, title: 'A', items: 'none' }] },
    ];
    for (const template of cases) expect(validateTemplate(template as SelfCheckTemplate).length).toBeGreaterThan(0);
    const errors = validateTemplate({ sections: [{ code: 'a', title: 'A', items: [{ code: 'i', title: 'x', answerType: 'yes_no_partial', evidenceRequired: false, points: 0 }, { code: 'i', title: ' ', answerType: 'maybe', evidenceRequired: 'no', points: 101 }] }] } as unknown as SelfCheckTemplate);
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['template.sections[0].items[1].code', 'CODE_INVALID'],
      ['template.sections[0].items[1].title', 'TITLE_REQUIRED'],
      ['template.sections[0].items[1].answerType', 'ANSWER_TYPE_INVALID'],
      ['template.sections[0].items[1].evidenceRequired', 'BOOLEAN_REQUIRED'],
      ['template.sections[0].items[1].points', 'POINTS_INVALID'],
    ]);
    expect(errors[1].message).toBe('第 1 部分第 2 项的内容不能为空（一行，不超过 500 字）');
  });
});

describe('自查答案 (validateAnswers)', () => {
  const template: SelfCheckTemplate = { sections: [{ code: 's', title: 'S', items: [{ code: 'q', title: '是否公示', answerType: 'yes_no_partial', evidenceRequired: true, points: 5 }] }] };

  it('takes evidence as a link or an uploaded attachment', () => {
    expect(validateAnswers(template, { q: { value: 'yes', evidence: [{ name: '截图', uri: 'https://x.gov.cn/a.png' }] } }, true)).toEqual([]);
    expect(validateAnswers(template, { q: { value: 'yes', evidence: [{ name: '截图', attachmentId: '7b0c6c1e-1d7a-4b5e-9a51-3f2d0a1b2c3d' }] } }, true)).toEqual([]);
    expect(validateAnswers(template, { q: { value: 'yes', evidence: [{ name: '截图', attachmentId: 'nope' }] } }, true).map((e) => e.field)).toEqual(['answers.q.evidence[0].attachmentId']);
    expect(validateAnswers(template, { q: { value: 'yes', evidence: [{ name: '截图', uri: 'javascript:alert(1)' }] } }, true).map((e) => e.code)).toEqual(['NOT_HTTP_URL']);
  });

  it('requires evidence where the item asks for it, only when submitting', () => {
    expect(validateAnswers(template, { q: { value: 'yes' } }, false)).toEqual([]);
    expect(validateAnswers(template, { q: { value: 'yes' } }, true).map((e) => e.code)).toEqual(['EVIDENCE_REQUIRED']);
  });
});

describe('answerLabel', () => {
  it('writes answers in Chinese, never the stored code', () => {
    expect([answerLabel('yes'), answerLabel('no'), answerLabel('partial'), answerLabel(12), answerLabel('8 件'), answerLabel(undefined)]).toEqual(['是', '否', '部分', '12', '8 件', '未填']);
  });
});
