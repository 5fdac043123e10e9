/**
 * 年度法治政府建设情况报告 as a Word file in the official document format (GB/T 9704-2012, the page
 * of ../common/official-document.docx): the title in 小标宋 二号, an opening paragraph, the five
 * sections with their 一级标题 in 黑体 and their filled text in 仿宋 三号 (a leading （一）… clause in
 * 楷体, as 二级标题 are set), the 附件说明, the 落款 and date, then the appendix 数据说明 on its own
 * page: every figure the text quotes, with its value and what it counts (统计口径).
 */
import { AlignmentType, Document, LineRuleType, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType, BorderStyle } from 'docx';
import {
  CHAR,
  LINE,
  OFFICIAL_FONTS,
  OFFICIAL_STYLES,
  TEXT_WIDTH,
  bodyParagraph,
  bodySpacing,
  chineseDate,
  headingParagraph,
  pageNumberFooters,
  pageProperties,
  run,
  signatureParagraphs,
  titleParagraph,
} from '../common/official-document.docx';

const KAITI = 'KaiTi';
const SIZE_TABLE = 28; // 四号 14 pt

export interface AnnualReportDocument {
  /** 'X市司法局关于2026年度法治政府建设情况的报告'. */
  title: string;
  /** Who reports: the office (office_settings) or the department; opens the text and signs it. */
  issuer: string;
  year: number;
  /** 'YYYY-MM-DD' (Asia/Shanghai), printed as '2027年2月20日'. */
  date: string;
  /** The five sections in order, their text already filled (paragraphs separated by line breaks). */
  sections: { title: string; text: string }[];
  /** The figures the text quotes, for the appendix. */
  figures: { label: string; value: string; counts: string }[];
}

/** A body paragraph; a leading '（一）…。' clause is set in 楷体 as a 二级标题. */
function textParagraph(line: string): Paragraph {
  const m = /^(（[一二三四五六七八九十]+）[^。！？]*[。！？]?)(.*)$/.exec(line);
  if (m && m[1].length <= 40) return bodyParagraph([run(m[1], KAITI), run(m[2], OFFICIAL_FONTS.body)]);
  return bodyParagraph([run(line, OFFICIAL_FONTS.body)]);
}

const lines = (text: string) => text.split(/\n+/).map((l) => l.trim()).filter(Boolean);

function cell(text: string, width: number, opts: { header?: boolean; center?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: opts.center || opts.header ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { line: 360, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
        children: [run(text, opts.header ? OFFICIAL_FONTS.subheading : OFFICIAL_FONTS.body, { size: SIZE_TABLE })],
      }),
    ],
  });
}

function figuresTable(figures: AnnualReportDocument['figures']): Table {
  const widths = [Math.round(TEXT_WIDTH * 0.26), Math.round(TEXT_WIDTH * 0.2)];
  widths.push(TEXT_WIDTH - widths[0] - widths[1]);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: [cell('数据项', widths[0], { header: true }), cell('数值', widths[1], { header: true }), cell('统计口径', widths[2], { header: true })] }),
      ...figures.map((f) => new TableRow({ cantSplit: true, children: [cell(f.label, widths[0]), cell(f.value, widths[1], { center: true }), cell(f.counts, widths[2])] })),
    ],
  });
}

/**
 * The title in two lines broken where the sense breaks (GB/T 9704 §7.3.1: 回行时要做到词意完整): after
 * '…关于2026年度', never inside a word; a title of another shape is left to wrap.
 */
function titleLines(title: string): string[] {
  const at = title.indexOf('年度法治政府建设');
  return at > 0 ? [title.slice(0, at + 2), title.slice(at + 2)] : [title];
}

export async function renderAnnualReportDocx(doc: AnnualReportDocument): Promise<Buffer> {
  const date = chineseDate(doc.date);
  const opening = bodyParagraph([
    run(
      `${doc.year}年，${doc.issuer}深入学习贯彻习近平法治思想，全面落实《法治政府建设实施纲要（2021—2025年）》，扎实推进法治政府建设各项工作。现将${doc.year}年度法治政府建设情况报告如下：`,
      OFFICIAL_FONTS.body,
    ),
  ]);
  const body = doc.sections.flatMap((s) => [headingParagraph(s.title), ...lines(s.text).map(textParagraph)]);
  const hasAppendix = doc.figures.length > 0;
  // 附件说明: one blank line after the text, 左空二字 (GB/T 9704 §7.3.4).
  const attachmentNote = hasAppendix ? [new Paragraph({ children: [run('', OFFICIAL_FONTS.body)], spacing: bodySpacing }), bodyParagraph([run('附件：数据说明', OFFICIAL_FONTS.body)], true, true)] : [];
  const appendix = hasAppendix
    ? [
        new Paragraph({ children: [new PageBreak()] }),
        new Paragraph({ spacing: bodySpacing, children: [run('附件', OFFICIAL_FONTS.subheading)] }),
        titleParagraph('数据说明', LINE / 2),
        bodyParagraph([run(`本报告引用的数据均取自本系统记录的${doc.year}年度工作周期办理情况，统计口径如下：`, OFFICIAL_FONTS.body)]),
        new Paragraph({ spacing: { ...bodySpacing, line: CHAR }, children: [] }),
        figuresTable(doc.figures),
      ]
    : [];

  const document = new Document({
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    creator: doc.issuer,
    styles: OFFICIAL_STYLES,
    sections: [
      {
        properties: pageProperties(false),
        footers: pageNumberFooters(false),
        children: [titleParagraph(titleLines(doc.title), 0), opening, ...body, ...attachmentNote, ...signatureParagraphs(doc.issuer, date), ...appendix],
      },
    ],
  });
  return Packer.toBuffer(document);
}
