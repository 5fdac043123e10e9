import type { FieldError } from './errors';

/**
 * 本机关设置: who the supervision office is, once for every campaign — the issuing office printed
 * on its letters (发文机关), the pattern of their 文号 (its 机关代字) and the contact line.
 */
export interface OfficeSettings {
  /** 发文机关, e.g. 某某市司法局. */
  officeName: string;
  /** 文号 pattern: '{year}' and '{n}' are filled in, e.g. 某司监〔{year}〕{n}号. */
  documentNumberFormat: string;
  /** 联系人及电话, printed under a letter's closing; empty for none. */
  contact: string;
}

/** What a new installation holds: examples, never a real office. */
export const EXAMPLE_OFFICE_SETTINGS: OfficeSettings = { officeName: '市司法局', documentNumberFormat: 'X司监〔{year}〕{n}号', contact: '' };

export function validateOfficeSettings(s: OfficeSettings): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof s.officeName !== 'string' || !s.officeName.trim() || s.officeName.length > 100) {
    errors.push({ field: 'officeName', code: 'OFFICE_NAME_INVALID', message: '发文机关名称必填，不超过 100 字' });
  }
  const f = s.documentNumberFormat;
  if (typeof f !== 'string' || !f.includes('{year}') || !f.includes('{n}') || f.length > 100) {
    errors.push({ field: 'documentNumberFormat', code: 'NUMBER_FORMAT_INVALID', message: '文号格式须包含 {year} 和 {n}，如 某司监〔{year}〕{n}号' });
  }
  return errors;
}

/**
 * The examples name no real office: a letter is never issued under them (it would go out as
 * "X司监〔2026〕1号" from "市司法局") until the office enters its own.
 */
export function officePlaceholders(s: OfficeSettings): FieldError[] {
  const errors: FieldError[] = [];
  if (s.officeName === EXAMPLE_OFFICE_SETTINGS.officeName) errors.push({ field: 'officeName', code: 'PLACEHOLDER', message: `发文机关仍是示例值「${s.officeName}」，请填写本机关全称（如 某某市司法局）` });
  if (s.documentNumberFormat === EXAMPLE_OFFICE_SETTINGS.documentNumberFormat) errors.push({ field: 'documentNumberFormat', code: 'PLACEHOLDER', message: `文号格式仍是示例值「${s.documentNumberFormat}」，请填写本机关的机关代字（如 某司监〔{year}〕{n}号）` });
  return errors;
}

/** 文号: '{year}' and '{n}' filled in; the sequence runs per office per year, gap-free. */
export function formatDocumentNumber(format: string, year: number, n: number): string {
  return format.replace('{year}', String(year)).replace('{n}', String(n));
}
