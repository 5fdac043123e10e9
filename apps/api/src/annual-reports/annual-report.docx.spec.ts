import JSZip from 'jszip';
import { ANNUAL_REPORT_SECTIONS, annualReportFigures, annualReportTitle, defaultSectionDraft, emptyCounts, figureValueText, fillSection, quotedFigures } from '@rol/domain';
import { renderAnnualReportDocx } from './annual-report.docx';

const counts = { ...emptyCounts(), departmentsCovered: 7, departmentsReviewed: 7, files: { drawn: 33, reviewed: 33, passing: 30, excellent: 11, scoreSum: 2805, vetoed: 1 }, opinionItems: 31, letters: { issued: 7, acknowledgedInTime: 7 } };

async function render() {
  const figures = annualReportFigures(counts, 'office');
  const bodies = ANNUAL_REPORT_SECTIONS.map((s) => defaultSectionDraft(s.code, 'office'));
  const buffer = await renderAnnualReportDocx({
    title: annualReportTitle('X市司法局', 2026),
    issuer: 'X市司法局',
    year: 2026,
    date: '2027-02-20',
    sections: ANNUAL_REPORT_SECTIONS.map((s, i) => ({ title: s.title, text: fillSection(bodies[i], figures) })),
    figures: quotedFigures(bodies, figures).map((f) => ({ label: f.label, value: figureValueText(f), counts: f.counts })),
  });
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  const paragraphs = (xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? []).map((p) => p.replace(/<[^>]+>/g, ''));
  return { buffer, xml, paragraphs };
}

describe('annual report docx', () => {
  it('prints the title, the five sections in order with their filled figures, the 落款 and date', async () => {
    const { buffer, xml, paragraphs } = await render();
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(paragraphs[0]).toBe('X市司法局关于2026年度法治政府建设情况的报告'); // in two lines: a <w:br/> after '2026年度'
    expect(xml).toMatch(/关于2026年度<\/w:t><\/w:r><w:r>(?:(?!<\/w:r>).)*<w:br\/>/s);
    const at = ANNUAL_REPORT_SECTIONS.map((s) => paragraphs.indexOf(s.title));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const text = paragraphs.join('\n');
    expect(text).toContain('全年共抽查7家单位33本案卷');
    expect(text).toContain('提出监督意见31条，下达监督意见书7份');
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(paragraphs).toContain('附件：数据说明');
    expect(paragraphs).toContain('2027年2月20日');
    // 一级标题 in 黑体, body in 仿宋, A4 with GB/T 9704 margins.
    expect(xml).toMatch(/w:eastAsia="SimHei"[^>]*\/>(?:(?!<\/w:r>).)*一、主要举措和成效/s);
    expect(xml).toMatch(/w:eastAsia="FangSong"/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('ends with the appendix 数据说明: each quoted figure with its value and what it counts', async () => {
    const { xml, paragraphs } = await render();
    const appendix = paragraphs.lastIndexOf('附件');
    expect(appendix).toBeGreaterThan(paragraphs.indexOf('2027年2月20日'));
    expect(paragraphs[appendix + 1]).toBe('数据说明');
    expect(xml).toContain('<w:tbl>');
    const rows = (xml.slice(xml.indexOf('<w:tbl>')).match(/<w:tr>.*?<\/w:tr>|<w:tr [^>]*>.*?<\/w:tr>/gs) ?? []).map((r) =>
      (r.match(/<w:tc>.*?<\/w:tc>/gs) ?? []).map((c) => c.replace(/<[^>]+>/g, '')),
    );
    expect(rows[0]).toEqual(['数据项', '数值', '统计口径']);
    expect(rows).toContainEqual(['抽查案卷', '33本', '本周期随机抽取的案卷数（sampled_files），含尚未评查完成的']);
    expect(rows).toContainEqual(['下达监督意见书', '7份', expect.stringContaining('监督意见书份数')]);
    expect(rows.find((r) => r[0] === '任务按期完成率')?.[1]).toBe('—（不计算）');
  });
});
