import { parseActive, parseDepartmentImport } from './department';

describe('department import rules', () => {
  it('reads active from JSON booleans and CSV words, defaulting to active', () => {
    expect([true, false, 'true', 'FALSE', '1', '0', '是', '否', '', undefined].map(parseActive)).toEqual([true, false, true, false, true, false, true, false, true, true]);
    expect(parseActive('maybe')).toBeUndefined();
  });

  it('accepts good rows, trimming text', () => {
    const result = parseDepartmentImport([{ code: ' SCJG ', name: ' 市场监督管理局 ', kind: 'bureau', active: 'true' }]);
    expect(result).toEqual({ rows: [{ code: 'SCJG', name: '市场监督管理局', kind: 'bureau', active: true }], errors: [] });
  });

  it('names every bad row and field, including codes repeated in the file', () => {
    const { errors } = parseDepartmentImport([
      { code: 'A', name: 'ok', kind: 'bureau' },
      { code: 'bad code!', name: '', kind: 'ministry', active: 'x' },
      { code: 'A', name: 'again', kind: 'township' },
    ]);
    // Numbered as Excel shows the file: the header is row 1, the first data row is row 2.
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'code', 'DEPARTMENT_CODE_INVALID'],
      [3, 'name', 'DEPARTMENT_NAME_INVALID'],
      [3, 'kind', 'DEPARTMENT_KIND_INVALID'],
      [3, 'active', 'DEPARTMENT_ACTIVE_INVALID'],
      [4, 'code', 'DEPARTMENT_CODE_DUPLICATED'],
    ]);
    expect(errors[4].message).toContain('第 2 行');
  });

  it('reads categories as Chinese labels or English codes', () => {
    const { rows, errors } = parseDepartmentImport([
      { code: 'A', name: 'a', kind: '行政机关' },
      { code: 'B', name: 'b', kind: '乡镇（街道）' },
      { code: 'C', name: 'c', kind: '法律法规授权组织' },
      { code: 'D', name: 'd', kind: '受委托组织' },
      { code: 'E', name: 'e', kind: '其他' },
      { code: 'F', name: 'f', kind: 'Township' },
    ]);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.kind)).toEqual(['bureau', 'township', 'authorized', 'entrusted', 'other', 'township']);
  });

  it('refuses an empty file', () => {
    expect(parseDepartmentImport([]).errors).toEqual([expect.objectContaining({ code: 'IMPORT_EMPTY' })]);
  });
});
