import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { ApiErrorView } from '../../components/ApiErrorView';

/** Dates as the notice lists them: one per line or separated by commas, and ranges "2027-02-06~2027-02-12". */
export function parseDates(text: string): string[] {
  const dates: string[] = [];
  for (const part of text.split(/[\s,，、；;]+/).filter(Boolean)) {
    const [from, to] = part.split(/~|～|至|--/);
    let d = dayjs(from);
    const end = to ? dayjs(to) : d;
    if (!d.isValid() || !end.isValid()) { dates.push(part); continue; } // the API names what it cannot read
    for (let i = 0; !d.isAfter(end) && i < 366; i++, d = d.add(1, 'day')) dates.push(d.format('YYYY-MM-DD'));
  }
  return [...new Set(dates)];
}

/** 节假日安排: the official calendar each working-day deadline counts with; a new year is entered when the State Council publishes it. */
export default function CalendarPage() {
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const years = useQuery({ queryKey: ['calendar-years'], queryFn: () => call(api.GET('/api/v1/calendar/years')) });
  const save = useMutation({
    mutationFn: (v: { year: number; source: string; holidays: string; makeUpWorkdays?: string }) =>
      call(api.PUT('/api/v1/calendar/years/{year}', { params: { path: { year: v.year } }, body: { source: v.source, holidays: parseDates(v.holidays), makeUpWorkdays: parseDates(v.makeUpWorkdays ?? '') } })),
    onSuccess: (y, v) => {
      void queryClient.invalidateQueries({ queryKey: ['calendar-years'] });
      message.success(`已录入 ${v.year} 年节假日安排：放假 ${y.holidays.length} 天，调休上班 ${y.makeUpWorkdays.length} 天`);
      form.resetFields();
    },
  });
  const next = Math.max(dayjs().year(), ...(years.data ?? []).map((y) => y.year)) + 1;
  // The year to enter follows the years already there (also after one was just saved).
  useEffect(() => { if (!form.isFieldTouched('year') || save.isSuccess) form.setFieldValue('year', next); }, [form, next, save.isSuccess]);
  return (
    <Card title="节假日安排">
      <Typography.Paragraph type="secondary">按工作日计算的期限（整改期限、签收期限等）按国务院办公厅公布的节假日安排计算。某年的安排公布前，跨入该年的工作日期限无法计算，系统会提示先录入或改用自然日。</Typography.Paragraph>
      <ApiErrorView error={years.error} />
      <Table<Schemas['CalendarYearViewDto']>
        rowKey="year"
        size="small"
        pagination={false}
        loading={years.isLoading}
        dataSource={years.data}
        style={{ marginBottom: 24 }}
        columns={[
          { title: '年份', dataIndex: 'year', width: 90 },
          { title: '依据', dataIndex: 'source' },
          { title: '放假', width: 90, render: (_, y) => `${y.holidays.length} 天` },
          { title: '调休上班', width: 100, render: (_, y) => `${y.makeUpWorkdays.length} 天` },
          { title: '', width: 120, render: (_, y) => (y.shipped ? <Tag>随系统发布</Tag> : <Tag color="blue">监督科录入</Tag>) },
        ]}
      />
      {session.role === 'office_admin' ? (
        <Card type="inner" title="录入新一年的节假日安排">
          <ApiErrorView error={save.error} />
          <Form form={form} layout="vertical" initialValues={{ year: next }} onFinish={(v) => save.mutate(v)} style={{ maxWidth: 720 }}>
            <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}><InputNumber min={2000} max={2100} /></Form.Item>
            <Form.Item name="source" label="依据" rules={[{ required: true, whitespace: true, message: '请填写通知名称' }]}><Input placeholder={`国务院办公厅关于${next}年部分节假日安排的通知`} /></Form.Item>
            <Form.Item name="holidays" label="放假日期（含放假期间的周末）" extra="每行一个日期，或用逗号分隔；连续的可写成区间，如 2027-02-06~2027-02-12" rules={[{ required: true, message: '请填写放假日期' }]}>
              <Input.TextArea rows={4} placeholder={`${next}-01-01\n${next}-02-06~${next}-02-12`} />
            </Form.Item>
            <Form.Item name="makeUpWorkdays" label="调休上班的周末" extra="同上；没有则不填">
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) => {
                const h = parseDates(getFieldValue('holidays') ?? '');
                return h.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`将录入放假 ${h.length} 天、调休上班 ${parseDates(getFieldValue('makeUpWorkdays') ?? '').length} 天`} />;
              }}
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
          </Form>
        </Card>
      ) : (
        <Alert type="info" showIcon title="新一年的节假日安排由监督科负责人录入。" />
      )}
    </Card>
  );
}
