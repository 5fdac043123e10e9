import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, call, download, newActionKey, type Schemas } from '../api/client';
import { useSession } from '../auth/AuthContext';
import { isOffice } from '../auth/session';
import { ApiErrorView, errorText } from '../components/ApiErrorView';
import { fmtDate, fmtDateTime } from '../components/format';

type Letter = Schemas['OpinionLetterDto'];
type Item = Schemas['OpinionItemDto'];

const NUMERALS = '一二三四五六七八九十';
const numeral = (n: number) => (n <= 10 ? NUMERALS[n - 1] : n < 20 ? `十${NUMERALS[n - 11]}` : String(n));
export const LETTER_STATUS: Record<Letter['status'], { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  issued: { label: '已印发，待签收', color: 'processing' },
  acknowledged: { label: '已签收', color: 'success' },
};

function deadlineText(item: Item): string {
  if (item.deadlineAt) return `${fmtDate(item.deadlineAt)}前`;
  const d = item.deadline;
  if (d.date) return `${d.date}前`;
  return d.amount ? `自收到本意见书之日起 ${d.amount} 个${d.unit === 'working_days' ? '工作日' : '日'}内` : '—';
}

/** The letter as it will be printed: title, 文号, addressee, opening, numbered items, closing, date. */
function LetterPreview({ letter, selectable, selected, onSelect, actions }: { letter: Letter; selectable?: boolean; selected?: string[]; onSelect?: (ids: string[]) => void; actions?: (item: Item) => React.ReactNode }) {
  return (
    <div style={{ background: '#fff', maxWidth: 794, margin: '0 auto', padding: '48px 72px', boxShadow: '0 0 0 1px #eee, 0 4px 16px rgba(0,0,0,.06)', fontFamily: '"FangSong", "STFangsong", "Noto Serif CJK SC", serif', fontSize: 16, lineHeight: 1.9 }}>
      <div style={{ textAlign: 'center', color: '#c00', fontSize: 26, fontWeight: 700, letterSpacing: 4, fontFamily: '"SimSun", "Noto Serif CJK SC", serif' }}>{letter.supplements ? '行政执法补充监督意见书' : '行政执法监督意见书'}</div>
      <div style={{ textAlign: 'center', margin: '8px 0 4px' }}>{letter.documentNumber ?? '（印发时编号）'}</div>
      <div style={{ borderTop: '2px solid #c00', margin: '4px 0 24px' }} />
      <div>{letter.departmentName}：</div>
      <p style={{ textIndent: '2em', margin: 0, whiteSpace: 'pre-wrap' }}>{letter.intro}</p>
      {letter.items.map((item) => (
        <div key={item.id} style={{ margin: '8px 0', position: 'relative' }}>
          {selectable && <Checkbox style={{ position: 'absolute', left: -36, top: 4 }} checked={selected?.includes(item.id)} onChange={(e) => onSelect?.(e.target.checked ? [...(selected ?? []), item.id] : (selected ?? []).filter((id) => id !== item.id))} />}
          <p style={{ textIndent: '2em', margin: 0, whiteSpace: 'pre-line' }}><b>{numeral(item.position)}、</b>{item.problem}</p>
          <p style={{ textIndent: '2em', margin: 0 }}>依据：{item.rule}</p>
          <p style={{ textIndent: '2em', margin: 0 }}>整改要求：{item.action}（整改期限：{deadlineText(item)}）</p>
          {actions && <div style={{ textAlign: 'right', fontFamily: 'initial', fontSize: 14 }}>{actions(item)}</div>}
        </div>
      ))}
      <p style={{ textIndent: '2em', margin: '8px 0 0', whiteSpace: 'pre-wrap' }}>{letter.closing}</p>
      {letter.contact && <p style={{ textIndent: '2em', margin: 0 }}>联系人及电话：{letter.contact}</p>}
      <div style={{ textAlign: 'right', marginTop: 48, paddingRight: '2em' }}>{letter.officeName}</div>
      <div style={{ textAlign: 'right' }}>{fmtDate(letter.issuedAt ?? new Date()).replace(/^(\d+)-(\d+)-(\d+)$/, (_, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`)}</div>
    </div>
  );
}

/** 监督意见书: the office drafts, edits, merges, drops and issues; the department reads, acknowledges (签收) and downloads. */
export default function LetterPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const office = isOffice(session.role);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<Item | 'letter' | null>(null);
  const [ackKey] = useState(newActionKey);
  const letter = useQuery({ queryKey: ['letter', id], queryFn: () => call(api.GET('/api/v1/opinion-letters/{id}', { params: { path: { id } } })) });
  const done = (l: Letter, text: string) => {
    queryClient.setQueryData(['letter', id], l);
    void queryClient.invalidateQueries({ queryKey: ['letters'] });
    void queryClient.invalidateQueries({ queryKey: ['my-inbox'] });
    message.success(text);
  };
  const acknowledge = useMutation({ mutationFn: () => call(api.POST('/api/v1/opinion-letters/{id}/acknowledge', { params: { path: { id } }, headers: { 'Idempotency-Key': ackKey } })), onSuccess: (l) => done(l, '已签收。请按整改要求逐项整改并报送整改报告。') });
  const issue = useMutation({ mutationFn: () => call(api.POST('/api/v1/opinion-letters/{id}/issue', { params: { path: { id } } })), onSuccess: (l) => done(l, `已印发：${l.documentNumber}`) });
  const merge = useMutation({ mutationFn: () => call(api.POST('/api/v1/opinion-letters/{id}/merge', { params: { path: { id } }, body: { itemIds: selected } })), onSuccess: (l) => { setSelected([]); done(l, '已合并为一条'); } });
  const drop = useMutation({ mutationFn: (itemId: string) => call(api.DELETE('/api/v1/opinion-items/{id}', { params: { path: { id: itemId } } })), onSuccess: (l) => done(l, '已删除该条') });

  if (letter.error) return <ApiErrorView error={letter.error} />;
  if (!letter.data) return <Card loading />;
  const l = letter.data;
  const draft = l.status === 'draft';
  const error = acknowledge.error ?? issue.error ?? merge.error ?? drop.error;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<>{l.supplements ? `补充监督意见书（补充 ${l.supplements.documentNumber ?? ''}）` : '监督意见书'} · {l.departmentName}</>}
        extra={<Space>
          <Tag color={LETTER_STATUS[l.status].color}>{LETTER_STATUS[l.status].label}</Tag>
          <Button icon={<DownloadOutlined />} onClick={() => download(`/api/v1/opinion-letters/${id}/docx`, `${l.documentNumber ?? '意见书草稿'}.docx`).catch((e) => message.error(errorText(e)))}>下载 Word</Button>
        </Space>}
      >
        <Descriptions size="small" column={4} items={[
          { label: '文号', children: l.documentNumber ?? '（印发时编号）' },
          { label: '印发时间', children: fmtDateTime(l.issuedAt) },
          { label: '签收期限', children: fmtDateTime(l.acknowledgeDueAt) },
          { label: '签收时间', children: fmtDateTime(l.acknowledgedAt) },
          { label: '意见条数', children: l.items.length },
          { label: '申请复查期限', children: fmtDateTime(l.objectionDueAt) },
        ]} />
        <ApiErrorView error={error} />
        {!office && l.status === 'issued' && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`请于 ${fmtDateTime(l.acknowledgeDueAt)} 前签收`} action={<Button type="primary" loading={acknowledge.isPending} onClick={() => acknowledge.mutate()}>签收</Button>} />
        )}
        {office && draft && (
          <Space style={{ marginTop: 12 }} wrap>
            <Button onClick={() => setEditing('letter')}>修改开头和结尾</Button>
            <Button disabled={selected.length < 2} loading={merge.isPending} onClick={() => merge.mutate()}>合并选中的 {selected.length} 条</Button>
            {session.role === 'office_admin' && (
              <Popconfirm title="印发后将编文号并送达该部门，不能再修改。确定印发？" onConfirm={() => issue.mutate()}>
                <Button type="primary" loading={issue.isPending}>印发</Button>
              </Popconfirm>
            )}
            <Typography.Text type="secondary">勾选左侧的复选框可把几条合并为一条。</Typography.Text>
          </Space>
        )}
      </Card>

      <LetterPreview
        letter={l}
        selectable={office && draft}
        selected={selected}
        onSelect={setSelected}
        actions={(item) =>
          office && draft ? (
            <Space>
              <Typography.Link onClick={() => setEditing(item)}>修改</Typography.Link>
              <Popconfirm title="删除这一条意见？" onConfirm={() => drop.mutate(item.id)}><Typography.Link type="danger">删除</Typography.Link></Popconfirm>
            </Space>
          ) : l.status !== 'draft' ? (
            <Link to={`/rectifications/${item.id}`}>整改情况</Link>
          ) : null
        }
      />
      {editing === 'letter' && <LetterTextForm letter={l} onClose={() => setEditing(null)} onSaved={(x) => done(x, '已保存')} />}
      {editing && editing !== 'letter' && <ItemForm item={editing} onClose={() => setEditing(null)} onSaved={(x) => done(x, '已保存')} />}
    </Space>
  );
}

function LetterTextForm({ letter, onClose, onSaved }: { letter: Letter; onClose: () => void; onSaved: (l: Letter) => void }) {
  const [form] = Form.useForm();
  const save = useMutation({ mutationFn: (v: { intro: string; closing: string }) => call(api.PATCH('/api/v1/opinion-letters/{id}', { params: { path: { id: letter.id } }, body: v })), onSuccess: (l) => { onSaved(l); onClose(); } });
  return (
    <Modal open width={720} title="修改开头和结尾" okText="保存" onOk={() => form.submit()} confirmLoading={save.isPending} onCancel={onClose}>
      <ApiErrorView error={save.error} />
      <Form form={form} layout="vertical" initialValues={{ intro: letter.intro, closing: letter.closing }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="intro" label="开头" rules={[{ required: true, whitespace: true, message: '请填写开头' }]}><Input.TextArea autoSize={{ minRows: 3 }} /></Form.Item>
        <Form.Item name="closing" label="结尾" rules={[{ required: true, whitespace: true, message: '请填写结尾' }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ItemForm({ item, onClose, onSaved }: { item: Item; onClose: () => void; onSaved: (l: Letter) => void }) {
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { problem: string; rule: string; action: string; amount?: number; unit?: 'working_days' | 'calendar_days' }) =>
      call(api.PATCH('/api/v1/opinion-items/{id}', { params: { path: { id: item.id } }, body: { problem: v.problem, rule: v.rule, action: v.action, deadline: { amount: v.amount, unit: v.unit } } })),
    onSuccess: (l) => { onSaved(l); onClose(); },
  });
  return (
    <Modal open width={720} title={`修改第${numeral(item.position)}条`} okText="保存" onOk={() => form.submit()} confirmLoading={save.isPending} onCancel={onClose}>
      <ApiErrorView error={save.error} />
      <Form form={form} layout="vertical" initialValues={{ problem: item.problem, rule: item.rule, action: item.action, amount: item.deadline.amount ?? 30, unit: item.deadline.unit ?? 'calendar_days' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="problem" label="发现的问题" rules={[{ required: true, whitespace: true, message: '请填写问题' }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
        <Form.Item name="rule" label="依据（规定或标准的条款）" rules={[{ required: true, whitespace: true, message: '请填写依据' }]}><Input.TextArea autoSize /></Form.Item>
        <Form.Item name="action" label="整改要求" rules={[{ required: true, whitespace: true, message: '请填写整改要求' }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
        <Row gutter={8}>
          <Col span={8}><Form.Item name="amount" label="整改期限" rules={[{ required: true, message: '请填写期限' }]}><InputNumber min={1} max={3650} addonBefore="收到后" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="unit" label=" "><Select options={[{ value: 'calendar_days', label: '日内' }, { value: 'working_days', label: '个工作日内' }]} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}
