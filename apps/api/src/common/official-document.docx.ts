/**
 * The official-document page (公文格式, after GB/T 9704-2012) shared by every Word file the engine
 * writes (监督意见书, 年度报告): A4, margins 37/35/28/26 mm, body in 仿宋 三号 on a 28 pt exact line,
 * 一级标题 in 黑体, 落款 and 成文日期 at the end, page numbers '— 2 —' outside (odd right, even left).
 */
import {
  AlignmentType,
  Footer,
  LineRuleType,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
  type ISectionPropertiesOptions,
} from 'docx';

/** East Asian fonts by their usual names in Chinese Word; a reader without one gets Word's substitute (宋体 as a rule). */
export const OFFICIAL_FONTS = {
  heading: '方正小标宋简体',
  body: 'FangSong',
  subheading: 'SimHei',
  latin: 'Times New Roman',
  pageNumber: 'SimSun',
} as const;

export const RED = 'FF0000';
/** Half-points. */
export const SIZE_BODY = 32; // 三号 16 pt
export const SIZE_TITLE = 44; // 二号 22 pt
export const SIZE_PAGE_NUMBER = 28; // 四号 14 pt
/** Twips. */
export const LINE = 560; // 28 pt exact
export const CHAR = 320; // one 三号 character, 16 pt
/** Millimetres to twips, rounded (A4 is 11906 × 16838 twips, as Word writes it). */
export const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);
export const TEXT_WIDTH = mm(210 - 28 - 26);

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九, 100 → 一百, 105 → 一百零五, up to 9999. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`chineseNumeral: ${n} is not an integer in 0..9999`);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const units: [number, string][] = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let out = '';
  let zero = false;
  for (const [value, unit] of units) {
    const digit = Math.floor(n / value) % 10;
    if (digit === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[digit] + unit;
  }
  return out;
}

/** '2026-03-05' → '2026年3月5日'. */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const date = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
  if (!m || !date || date.getUTCMonth() !== +m[2] - 1 || date.getUTCDate() !== +m[3]) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return `${+m[1]}年${+m[2]}月${+m[3]}日`;
}

/** Ends a clause with '。' unless it already ends with sentence punctuation. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[。！？；.!?;]$/.test(t) ? t : `${t}。`;
}

/** Rough printed width in twips at 三号: full-width characters one em, others half. */
export function widthOf(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0xff ? CHAR : CHAR / 2;
  return w;
}

export function run(text: string, eastAsia: string, extra: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun {
  return new TextRun({
    text,
    font: { ascii: OFFICIAL_FONTS.latin, hAnsi: OFFICIAL_FONTS.latin, eastAsia, cs: OFFICIAL_FONTS.latin },
    size: SIZE_BODY,
    language: { eastAsia: 'zh-CN' },
    ...extra,
  });
}

export const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

export function bodyParagraph(children: TextRun[], indent = true, keepWithNext = false): Paragraph {
  return new Paragraph({
    children,
    spacing: bodySpacing,
    indent: indent ? { firstLine: 2 * CHAR } : undefined,
    alignment: AlignmentType.JUSTIFIED,
    ...(keepWithNext ? { keepNext: true, keepLines: true } : {}),
  });
}

export function blankLine(keepNext = false): Paragraph {
  return new Paragraph({ children: [run('', OFFICIAL_FONTS.body)], spacing: bodySpacing, keepNext });
}

/** The document's title in 小标宋 二号, centred, a blank line before the body; several lines are broken where given. */
export function titleParagraph(title: string | string[], before: number): Paragraph {
  const lines = typeof title === 'string' ? [title] : title;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before, after: LINE, line: 740, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: lines.map((line, i) => run(line, OFFICIAL_FONTS.heading, { size: SIZE_TITLE, bold: true, ...(i > 0 ? { break: 1 } : {}) })),
  });
}

/** 一级标题 (一、…) in 黑体 三号, indented two characters, kept with what follows. */
export function headingParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, OFFICIAL_FONTS.subheading)],
    spacing: bodySpacing,
    indent: { firstLine: 2 * CHAR },
    keepNext: true,
    keepLines: true,
  });
}

/**
 * 落款: the date four characters in from the right, the office centred over it (GB/T 9704 §7.3.5.1),
 * two blank lines before, the office kept with its date.
 */
export function signatureParagraphs(officeName: string, date: string): Paragraph[] {
  const dateIndent = 4 * CHAR;
  const officeIndent = Math.max(0, dateIndent + (widthOf(date) - widthOf(officeName)) / 2);
  return [
    blankLine(true),
    blankLine(true),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodySpacing,
      indent: { right: Math.round(officeIndent) },
      keepNext: true,
      keepLines: true,
      children: [run(officeName, OFFICIAL_FONTS.body)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodySpacing,
      indent: { right: dateIndent },
      children: [run(date, OFFICIAL_FONTS.body)],
    }),
  ];
}

/**
 * Page numbers as GB/T 9704 §7.5 places them: 4号 半角宋体, a dash either side, odd pages at the
 * right and even pages at the left, one character in; `firstPageBlank`: none on the first page
 * (信函格式, §10.2). Use with `evenAndOddHeaderAndFooters: true` (and `titlePage` when first is blank).
 */
export function pageNumberFooters(firstPageBlank: boolean) {
  const pageNumberRun = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({
      children,
      font: { ascii: OFFICIAL_FONTS.pageNumber, hAnsi: OFFICIAL_FONTS.pageNumber, eastAsia: OFFICIAL_FONTS.pageNumber },
      size: SIZE_PAGE_NUMBER,
    });
  const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Footer({
      children: [new Paragraph({ alignment, indent: alignment === AlignmentType.RIGHT ? { right: CHAR } : { left: CHAR }, children: [pageNumberRun(['— ', PageNumber.CURRENT, ' —'])] })],
    });
  return {
    default: pageNumber(AlignmentType.RIGHT),
    even: pageNumber(AlignmentType.LEFT),
    ...(firstPageBlank ? { first: new Footer({ children: [new Paragraph({ children: [] })] }) } : {}),
  };
}

/** A4 with the GB/T 9704 margins. */
export function pageProperties(titlePage: boolean): ISectionPropertiesOptions {
  return {
    titlePage,
    page: {
      size: { width: mm(210), height: mm(297) },
      margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(23), header: mm(15) },
    },
  };
}

/** The default run style: Times New Roman for Latin, 仿宋 for Chinese, 三号. */
export const OFFICIAL_STYLES = {
  default: {
    document: {
      run: { font: { ascii: OFFICIAL_FONTS.latin, hAnsi: OFFICIAL_FONTS.latin, eastAsia: OFFICIAL_FONTS.body }, size: SIZE_BODY },
    },
  },
};
