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
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'code', 'DEPARTMENT_CODE_INVALID'],
      [2, 'name', 'DEPARTMENT_NAME_INVALID'],
      [2, 'kind', 'DEPARTMENT_KIND_INVALID'],
      [2, 'active', 'DEPARTMENT_ACTIVE_INVALID'],
      [3, 'code', 'DEPARTMENT_CODE_DUPLICATED'],
    ]);
    expect(errors[4].message).toContain('第 1 行');
  });

  it('refuses an empty file', () => {
    expect(parseDepartmentImport([]).errors).toEqual([expect.objectContaining({ code: 'IMPORT_EMPTY' })]);
  });
});
