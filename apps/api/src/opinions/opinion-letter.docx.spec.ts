import JSZip from 'jszip';
import { chineseDate, chineseNumeral, renderOpinionLetterDocx, type OpinionLetterDocument } from './opinion-letter.docx';

const sampleLetter: OpinionLetterDocument = {
  officeName: 'X市司法局',
  documentNumber: 'X司监〔2026〕7号',
  title: '行政执法监督意见书',
  departmentName: '市市场监督管理局',
  issuedAt: '2026-03-05',
  intro:
    '根据《X省行政执法监督条例》和市委全面依法治市委员会办公室2026年度法治督察工作安排，我局于2026年2月10日至2月14日对你单位开展了行政执法案卷评查和执法监督检查，随机抽取2025年度行政处罚案卷30件。现将发现的问题及整改意见告知如下：',
  items: [
    {
      number: 1,
      problem: '部分行政处罚案件未在法定期限内作出处罚决定，抽查的30件案卷中有4件超过办案期限且无延期审批手续',
      rule: '《中华人民共和国行政处罚法》第六十条',
      action: '全面梳理在办案件办理期限，建立办案期限预警提醒机制，对超期案件逐件说明原因',
      deadline: '2026-04-30',
    },
    {
      number: 2,
      problem: '部分案卷告知当事人陈述、申辩权利的文书送达回证缺失',
      rule: '《中华人民共和国行政处罚法》第四十四条、第六十二条',
      action: '规范送达程序，补齐送达凭证，组织执法人员开展程序规范专题培训。',
      deadline: '2026-04-30',
    },
    {
      number: 3,
      problem: '行政执法公示信息更新不及时，2025年第四季度处罚决定未在规定时限内公开',
      rule: '《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》',
      action: '落实执法决定信息在作出决定之日起7个工作日内公开的要求，补充公开遗漏信息',
      deadline: '2026-05-15',
    },
  ],
  closing: '请你单位自收到本意见书之日起按期整改，并将整改情况书面报送我局。',
  contact: '张三，0571-87654321',
};

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('word/document.xml missing');
  return file.async('string');
}

describe('opinion letter docx', () => {
  it('renders a Word file with the letter header, the items and the signature', async () => {
    const buffer = await renderOpinionLetterDocx(sampleLetter);
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');

    const xml = await documentXml(buffer);
    for (const text of ['X司监〔2026〕7号', '市市场监督管理局：', '行政执法监督意见书', '一、', '二、', '三、', '2026年4月30日', '2026年5月15日前。', 'X市司法局', '2026年3月5日', '联系人及电话：张三']) {
      expect(xml).toContain(text);
    }
    expect(xml).not.toContain('四、');
    // Issuing body in red over a red rule; body in FangSong.
    expect(xml).toMatch(/w:color w:val="FF0000"/);
    expect(xml).toMatch(/w:eastAsia="FangSong"/);
    // A4 with 37/35/28/26 mm margins (1 mm = 56.69 twips).
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
  });

  it('ends each clause of an item with one full stop', async () => {
    const xml = await documentXml(await renderOpinionLetterDocx(sampleLetter));
    expect(xml).toContain('整改要求：规范送达程序，补齐送达凭证，组织执法人员开展程序规范专题培训。整改期限：');
    expect(xml).not.toContain('。。');
  });

  it('leaves the contact line out when there is none, and rejects a malformed date', async () => {
    const xml = await documentXml(await renderOpinionLetterDocx({ ...sampleLetter, contact: undefined }));
    expect(xml).not.toContain('联系人');
    await expect(renderOpinionLetterDocx({ ...sampleLetter, issuedAt: '2026-02-30' })).rejects.toThrow(RangeError);
  });
});

describe('opinion letter docx: the page as GB/T 9704 lays it out', () => {
  const paragraphs = (xml: string) => xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? [];
  const text = (p: string) => p.replace(/<[^>]+>/g, '');

  it('keeps the closing, the contact line and the 落款 together, so that the signature never stands alone on a page', async () => {
    const all = paragraphs(await documentXml(await renderOpinionLetterDocx(sampleLetter)));
    const from = all.findIndex((p) => text(p).startsWith('请你单位自收到本意见书之日起'));
    const date = all.findIndex((p) => text(p) === '2026年3月5日');
    expect(from).toBeGreaterThan(0);
    expect(date).toBeGreaterThan(from);
    for (const p of all.slice(from, date)) expect(p).toContain('<w:keepNext/>'); // each holds on to the next, down to the date
  });

  it('numbers pages outside (odd right, even left) and leaves the first page of a 信函格式 letter unnumbered', async () => {
    const zip = await JSZip.loadAsync(await renderOpinionLetterDocx(sampleLetter));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:titlePg/>');
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    const numbered = footers.filter((f) => f.includes('PAGE'));
    expect(numbered.map((f) => /<w:jc w:val="(\w+)"/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
    expect(footers.filter((f) => !f.includes('PAGE'))).toHaveLength(1); // the first page's footer: empty
  });

  it('prints a file\'s several problems one per line under one item', async () => {
    const problem = '案卷 交罚〔2026〕1号 存在以下问题：\n（一）未告知陈述申辩权利（扣 6 分）\n（二）送达回证缺少签名（扣 4 分）';
    const all = paragraphs(await documentXml(await renderOpinionLetterDocx({ ...sampleLetter, items: [{ ...sampleLetter.items[0], problem }] }))).map(text);
    const at = all.indexOf('一、问题：案卷 交罚〔2026〕1号 存在以下问题：');
    expect(at).toBeGreaterThan(0);
    expect(all.slice(at + 1, at + 4)).toEqual(['（一）未告知陈述申辩权利（扣 6 分）', '（二）送达回证缺少签名（扣 4 分）', '依据：《中华人民共和国行政处罚法》第六十条。整改要求：全面梳理在办案件办理期限，建立办案期限预警提醒机制，对超期案件逐件说明原因。整改期限：2026年4月30日前。']);
  });
});

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [2, '二'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [30, '三十'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1001, '一千零一'],
  ])('%i → %s', (n, expected) => {
    expect(chineseNumeral(n)).toBe(expected);
  });

  it('rejects what it cannot write', () => {
    expect(() => chineseNumeral(-1)).toThrow(RangeError);
    expect(() => chineseNumeral(1.5)).toThrow(RangeError);
  });
});

describe('chineseDate', () => {
  it('prints the date without leading zeros', () => {
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
    expect(chineseDate('2026-12-31')).toBe('2026年12月31日');
  });
});
