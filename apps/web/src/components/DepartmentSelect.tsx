import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, page } from '../api/client';

/** Picks one department, searched on the server by code or name (a province has thousands). */
export function DepartmentSelect({ value, onChange, style, placeholder = '全部部门' }: { value?: string; onChange: (id: string | undefined) => void; style?: React.CSSProperties; placeholder?: string }) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['department-options', q],
    queryFn: () => page(api.GET('/api/v1/departments', { params: { query: { q: q || undefined, limit: 20 } } })),
    staleTime: 60_000,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      placeholder={placeholder}
      style={{ width: 240, ...style }}
      loading={list.isFetching}
      notFoundContent={list.isFetching ? '查找中…' : '没有匹配的部门'}
      onChange={(v) => onChange(v ?? undefined)}
      options={list.data?.items.map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))}
      data-testid="department-select"
    />
  );
}
