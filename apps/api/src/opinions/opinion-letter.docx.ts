/**
 * 行政执法监督意见书 as a Word file, laid out as a letter-style official document (信函格式, after GB/T 9704-2012):
 * A4, margins 37/35/28/26 mm, the issuing office in red over a red double rule, 文号 at the right under the rule,
 * the title in 小标宋, the body in 仿宋 三号 on a 28 pt exact line, 落款 and 成文日期 at the end kept with the closing,
 * page numbers '— 2 —' outside (odd right, even left), none on the first page.
 */
import { AlignmentType, BorderStyle, Document, LineRuleType, Packer, Paragraph } from 'docx';
import {
  LINE,
  OFFICIAL_FONTS,
  OFFICIAL_STYLES,
  RED,
  TEXT_WIDTH,
  bodyParagraph,
  bodySpacing,
  chineseDate,
  chineseNumeral,
  pageNumberFooters,
  pageProperties,
  run,
  sentence,
  signatureParagraphs,
  titleParagraph,
} from '../common/official-document.docx';

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

/** The fonts of the letter: those of every official document the engine writes. */
export const LETTER_FONTS = OFFICIAL_FONTS;
export { chineseDate, chineseNumeral };

const SIZE_ISSUER_MAX = 52; // 26 pt

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
  const title = titleParagraph(doc.title, 2 * LINE - 120);
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

  const signature = signatureParagraphs(doc.officeName, issuedAt);
  // No page number on the first page of a 信函格式 letter (GB/T 9704 §10.2).
  const footers = pageNumberFooters(true);

  const document = new Document({
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    creator: doc.officeName,
    styles: OFFICIAL_STYLES,
    sections: [
      {
        properties: pageProperties(true),
        footers,
        children: [issuer, documentNumber, title, addressee, ...intro, ...items, closing, ...contact, ...signature],
      },
    ],
  });
  return Packer.toBuffer(document);
}
