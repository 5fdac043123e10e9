/**
 * 行政执法监督意见书 as a Word file, laid out as a letter-style official document (信函格式, after GB/T 9704-2012):
 * A4, margins 37/35/28/26 mm, the issuing office in red over a red double rule, 文号 at the right under the rule,
 * the title in 小标宋, the body in 仿宋 三号 on a 28 pt exact line, 落款 and 成文日期 at the end kept with the closing,
 * page numbers '— 2 —' outside (odd right, even left), none on the first page.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx';

export interface OpinionLetterDocument {
  /** The issuing office, e.g. 'X市司法局': shown as the issuing body (发文机关标志) and in the 落款. */
  officeName: string;
  /** 文号, e.g. 'X司监〔2026〕7号'. */
  documentNumber: string;
  /** e.g. '行政执法监督意见书'. */
  title: string;
  /** 主送单位, e.g. '市市场监督管理局'. */
  departmentName: string;
  /** 'YYYY-MM-DD' (Asia/Shanghai date), printed as '2026年3月5日'. */
  issuedAt: string;
  /** Opening paragraph: the facts of the supervision. */
  intro: string;
  items: { number: number; problem: string; rule: string; action: string; deadline: string /* 'YYYY-MM-DD' */ }[];
  /** e.g. '请你单位自收到本意见书之日起按期整改，并将整改情况书面报送我局。' */
  closing: string;
  /** 联系人及电话. */
  contact?: string;
}

/** East Asian fonts by their usual names in Chinese Word; a reader without one gets Word's substitute (宋体 as a rule). */
export const LETTER_FONTS = {
  heading: '方正小标宋简体',
  body: 'FangSong',
  subheading: 'SimHei',
  latin: 'Times New Roman',
  pageNumber: 'SimSun',
} as const;

const RED = 'FF0000';
/** Half-points. */
const SIZE_BODY = 32; // 三号 16 pt
const SIZE_TITLE = 44; // 二号 22 pt
const SIZE_ISSUER_MAX = 52; // 26 pt
const SIZE_PAGE_NUMBER = 28; // 四号 14 pt
/** Twips. */
const LINE = 560; // 28 pt exact
const CHAR = 320; // one 三号 character, 16 pt
/** Millimetres to twips, rounded (A4 is 11906 × 16838 twips, as Word writes it). */
const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);
const TEXT_WIDTH = mm(210 - 28 - 26);

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
function sentence(text: string): string {
  const t = text.trim();
  return /[。！？；.!?;]$/.test(t) ? t : `${t}。`;
}

/** Rough printed width in twips at 三号: full-width characters one em, others half. */
function widthOf(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0xff ? CHAR : CHAR / 2;
  return w;
}

function run(text: string, eastAsia: string, extra: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun {
  return new TextRun({
    text,
    font: { ascii: LETTER_FONTS.latin, hAnsi: LETTER_FONTS.latin, eastAsia, cs: LETTER_FONTS.latin },
    size: SIZE_BODY,
    language: { eastAsia: 'zh-CN' },
    ...extra,
  });
}

const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function bodyParagraph(children: TextRun[], indent = true, keepWithNext = false): Paragraph {
  return new Paragraph({
    children,
    spacing: bodySpacing,
    indent: indent ? { firstLine: 2 * CHAR } : undefined,
    alignment: AlignmentType.JUSTIFIED,
    ...(keepWithNext ? { keepNext: true, keepLines: true } : {}),
  });
}

function blankLine(keepNext = false): Paragraph {
  return new Paragraph({ children: [run('', LETTER_FONTS.body)], spacing: bodySpacing, keepNext });
}

export async function renderOpinionLetterDocx(doc: OpinionLetterDocument): Promise<Buffer> {
  const issuedAt = chineseDate(doc.issuedAt);
  const issuerSize = Math.min(SIZE_ISSUER_MAX, Math.floor((TEXT_WIDTH / 20 / [...doc.officeName].length) * 2 * 0.9));

  const issuer = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 120, line: Math.round(issuerSize * 10 * 1.3), lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 6 } },
    children: [run(doc.officeName, LETTER_FONTS.heading, { size: issuerSize, bold: true, color: RED, characterSpacing: 40 })],
  });
  const documentNumber = new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { ...bodySpacing, before: 120 },
    children: [run(doc.documentNumber, LETTER_FONTS.body)],
  });
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 2 * LINE - 120, after: LINE, line: 740, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: [run(doc.title, LETTER_FONTS.heading, { size: SIZE_TITLE, bold: true })],
  });
  const addressee = bodyParagraph([run(`${doc.departmentName}：`, LETTER_FONTS.body)], false);

  const intro = doc.intro
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => bodyParagraph([run(p, LETTER_FONTS.body)]));

  // An item whose problem lists several (a file's deductions, one per line) prints each on its own line.
  const items = [...doc.items]
    .sort((a, b) => a.number - b.number)
    .flatMap((item) => {
      const [first, ...more] = item.problem.split(/\n+/).map((l) => l.trim()).filter(Boolean);
      const basis = `依据：${sentence(item.rule)}整改要求：${sentence(item.action)}整改期限：${chineseDate(item.deadline)}前。`;
      const numbered = (text: string) => bodyParagraph([run(`${chineseNumeral(item.number)}、`, LETTER_FONTS.subheading), run(text, LETTER_FONTS.body)]);
      if (more.length === 0) return [numbered(`问题：${sentence(first ?? '')}${basis}`)];
      return [numbered(`问题：${first}`), ...more.map((line) => bodyParagraph([run(line, LETTER_FONTS.body)])), bodyParagraph([run(basis, LETTER_FONTS.body)])];
    });

  // The closing, the contact line and the 落款 keep together: the signature and date never stand alone on a page.
  const closing = bodyParagraph([run(doc.closing.trim(), LETTER_FONTS.body)], true, true);
  const contact = doc.contact?.trim()
    ? [bodyParagraph([run(/^联系/.test(doc.contact.trim()) ? doc.contact.trim() : `联系人及电话：${doc.contact.trim()}`, LETTER_FONTS.body)], true, true)]
    : [];

  // 落款: the date four characters in from the right, the office centred over it (GB/T 9704 §7.3.5.1).
  const dateIndent = 4 * CHAR;
  const officeIndent = Math.max(0, dateIndent + (widthOf(issuedAt) - widthOf(doc.officeName)) / 2);
  const signature = [
    blankLine(true),
    blankLine(true),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodySpacing,
      indent: { right: Math.round(officeIndent) },
      keepNext: true,
      keepLines: true,
      children: [run(doc.officeName, LETTER_FONTS.body)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodySpacing,
      indent: { right: dateIndent },
      children: [run(issuedAt, LETTER_FONTS.body)],
    }),
  ];

  const pageNumberRun = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({
      children,
      font: { ascii: LETTER_FONTS.pageNumber, hAnsi: LETTER_FONTS.pageNumber, eastAsia: LETTER_FONTS.pageNumber },
      size: SIZE_PAGE_NUMBER,
    });
  // Page numbers as GB/T 9704 §7.5 places them: 4号 半角宋体, a dash either side, odd pages at the
  // right and even pages at the left, one character in; none on the first page of a 信函格式 letter (§10.2).
  const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Footer({
      children: [new Paragraph({ alignment, indent: alignment === AlignmentType.RIGHT ? { right: CHAR } : { left: CHAR }, children: [pageNumberRun(['— ', PageNumber.CURRENT, ' —'])] })],
    });
  const footers = { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT), first: new Footer({ children: [new Paragraph({ children: [] })] }) };

  const document = new Document({
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    creator: doc.officeName,
    styles: {
      default: {
        document: {
          run: { font: { ascii: LETTER_FONTS.latin, hAnsi: LETTER_FONTS.latin, eastAsia: LETTER_FONTS.body }, size: SIZE_BODY },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              footer: mm(23),
              header: mm(15),
            },
          },
        },
        footers,
        children: [issuer, documentNumber, title, addressee, ...intro, ...items, closing, ...contact, ...signature],
      },
    ],
  });
  return Packer.toBuffer(document);
}
