import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { ApiErrorView } from '../../components/ApiErrorView';
import { fmtDateTime } from '../../components/format';

type Settings = Schemas['OfficeSettingsDto'];

/** 本机关设置: the issuing office, its 文号 pattern and the contact line, printed on every letter. */
export default function SettingsPage() {
  const session = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Settings>();
  const settings = useQuery({ queryKey: ['office-settings'], queryFn: () => call(api.GET('/api/v1/office-settings')) });
  const save = useMutation({
    mutationFn: (body: Settings) => call(api.PUT('/api/v1/office-settings', { body })),
    onSuccess: (s) => { client.setQueryData(['office-settings'], s); message.success('本机关设置已保存'); },
  });
  const format = Form.useWatch('documentNumberFormat', form);
  if (settings.error) return <ApiErrorView error={settings.error} />;
  if (!settings.data) return <Card loading />;
  const readOnly = session.role !== 'office_admin';
  const example = (format ?? '').replace('{year}', String(new Date().getFullYear())).replace('{n}', '1');
  return (
    <Card title="本机关设置" extra={<Typography.Text type="secondary">最近修改：{fmtDateTime(settings.data.updatedAt)}</Typography.Text>}>
      {settings.data.placeholders && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="发文机关或文号格式仍是示例值：填写本机关的发文机关和文号格式之前，监督意见书不能印发。" />}
      <ApiErrorView error={save.error} />
      <Form<Settings> form={form} layout="horizontal" labelCol={{ span: 4 }} wrapperCol={{ span: 12 }} initialValues={settings.data} disabled={readOnly} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="officeName" label="发文机关" extra="印在意见书顶端（发文机关标志）和落款" rules={[{ required: true, whitespace: true, message: '请填写发文机关全称' }]}>
          <Input placeholder="如 某某市司法局" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="documentNumberFormat"
          label="文号格式"
          extra={`{year} 为年份，{n} 为当年序号（按发文机关连续编号）。示例：${example}`}
          rules={[{ required: true, message: '请填写文号格式' }, { pattern: /\{year\}[\s\S]*\{n\}|\{n\}[\s\S]*\{year\}/, message: '文号格式须包含 {year} 和 {n}' }]}
        >
          <Input placeholder="如 某司监〔{year}〕{n}号" maxLength={100} />
        </Form.Item>
        <Form.Item name="contact" label="联系人及电话" extra="印在意见书结尾；可留空">
          <Input placeholder="如 张三，0571-87654321" maxLength={200} />
        </Form.Item>
        {!readOnly && (
          <Form.Item wrapperCol={{ offset: 4 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
          </Form.Item>
        )}
        {readOnly && <Typography.Text type="secondary">由监督科负责人（管理员）修改。</Typography.Text>}
      </Form>
    </Card>
  );
}
