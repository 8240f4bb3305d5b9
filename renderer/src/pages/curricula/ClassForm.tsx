import { App, DatePicker, Form, Input, Select } from 'antd';
import { RegistryFormModal } from '../../components/RegistryFormModal';
import dayjs, { type Dayjs } from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate } from 'react-router';
import type { TrainingClass } from '../../../../shared/domain/records';
import { schoolsInCharge } from '../../data/registries/common';
import { saveClass } from '../../data/schedule/classes';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { TargetGroupInput } from './TargetGroupInput';

interface Values {
  title: string;
  planId?: string;
  schoolId: string;
  targetGroup?: string;
  dates: [Dayjs, Dayjs];
  notes?: string;
}

/** Create or edit a 培训班; a new one opens its class page, where trainees and sessions are added. */
export function ClassForm({ klass, refs, onClose }: { klass: TrainingClass | null; refs: ScheduleRefs; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const organisers = useLiveQuery(() => schoolsInCharge(), []);
  if (!organisers) return null;
  const initial: Partial<Values> = klass
    ? { ...klass, planId: klass.planId ?? undefined, dates: [dayjs(klass.startDate), dayjs(klass.endDate)] }
    : { schoolId: organisers[0]?.id, targetGroup: '' };
  return (
    <RegistryFormModal<Values>
      open
      form={form}
      title={klass ? '编辑培训班' : '新建培训班'}
      initialValues={initial}
      width={680}
      onClose={onClose}
      onSubmit={async (v) => {
        const saved = await saveClass({
          ...(klass ?? {}),
          id: klass?.id,
          schoolId: klass?.schoolId ?? v.schoolId,
          planId: v.planId ?? null,
          title: v.title,
          year: v.dates[0].year(),
          targetGroup: v.targetGroup ?? '',
          startDate: v.dates[0].format('YYYY-MM-DD'),
          endDate: v.dates[1].format('YYYY-MM-DD'),
          notes: v.notes ?? '',
        });
        void message.success('培训班已保存');
        if (!klass) navigate(`/curricula/classes/${saved.id}`);
      }}
    >
      <Form.Item name="title" label="培训班名称" rules={[{ required: true, whitespace: true, message: '请填写培训班名称' }]}>
        <Input autoFocus maxLength={100} placeholder="如：2026年农村党员冬春训班" />
      </Form.Item>
      <Form.Item name="dates" label="培训日期" rules={[{ required: true, message: '请选择开始和结束日期' }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="planId" label="所属年度培训计划">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="不属于任何计划"
          options={refs.plans.map((p) => ({ value: p.id, label: `${p.year}年 · ${p.title}` }))}
        />
      </Form.Item>
      <Form.Item name="schoolId" label="主办党校" rules={[{ required: true, message: '请选择主办党校' }]} extra={klass ? '主办党校创建后不能更改' : undefined}>
        <Select disabled={!!klass} options={organisers.map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item name="targetGroup" label="培训对象">
        <TargetGroupInput />
      </Form.Item>
      <Form.Item name="notes" label="备注">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </RegistryFormModal>
  );
}
