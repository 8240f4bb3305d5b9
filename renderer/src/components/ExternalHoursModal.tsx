import { AutoComplete, App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { maskIdNumber } from '../../../shared/domain/idnumber';
import { EXTERNAL_SOURCES, saveExternalHours } from '../data/attendance/external';
import { loadTraineeIndex, searchTrainees, type TraineeLite } from '../data/schedule/enrolments';

interface Values {
  traineeId: string;
  source: string;
  date: Dayjs;
  hours: number;
  note?: string;
}

/**
 * 添加外部学时 for one trainee (given, or found by name, pinyin or ID digits): source, date,
 * hours. The yearly cap per source is applied by the ledger, not here.
 */
export function ExternalHoursModal({ traineeId, onClose }: { traineeId?: string; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [index, setIndex] = useState<TraineeLite[] | null>(null);
  const [query, setQuery] = useState('');
  useEffect(() => {
    if (!traineeId) void loadTraineeIndex().then(setIndex);
  }, [traineeId]);
  const options = useMemo(
    () => (index ? searchTrainees(index, query, 30) : []).map((t) => ({
      value: t.id,
      label: [t.name, t.branch, t.idNumber ? maskIdNumber(t.idNumber) : ''].filter(Boolean).join(' · '),
    })),
    [index, query],
  );

  const save = async (v: Values) => {
    await saveExternalHours([{
      traineeId: traineeId ?? v.traineeId, source: v.source, date: v.date.format('YYYY-MM-DD'), hours: v.hours, note: v.note ?? '',
    }]);
    void message.success('外部学时已保存');
    onClose();
  };

  return (
    <Modal open title="添加外部学时" okText="保存" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(), source: EXTERNAL_SOURCES[0] }}
        onFinish={(v) => save(v).catch((e: unknown) => void message.error(e instanceof Error ? e.message : String(e)))}
      >
        {!traineeId && (
          <Form.Item name="traineeId" label="学员" rules={[{ required: true, message: '请选择学员' }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setQuery }}
              autoFocus
              placeholder="输入姓名、拼音首字母或身份证号后几位"
              options={options}
              notFoundContent={query ? '没有找到匹配的在册学员' : null}
              loading={!index}
            />
          </Form.Item>
        )}
        <Form.Item name="source" label="来源" rules={[{ required: true, whitespace: true, message: '请填写来源' }]}>
          <AutoComplete options={EXTERNAL_SOURCES.map((s) => ({ value: s }))} maxLength={100} placeholder="学习强国、灯塔—党建在线、其他党校培训…" />
        </Form.Item>
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0.5} max={1000} step={0.5} precision={2} suffix="学时" autoFocus={!!traineeId} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={500} placeholder="如：专题网络培训班结业" onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
