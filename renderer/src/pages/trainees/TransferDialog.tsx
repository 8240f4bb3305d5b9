import { Alert, AutoComplete, DatePicker, Form, Select } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { SCHOOL_LEVELS, type SchoolLevel } from '../../../../shared/domain/constants';
import { todayIso } from '../../../../shared/import/dates';
import type { Trainee } from '../../../../shared/domain/records';
import { dateField, RegistryFormModal } from '../../components/RegistryFormModal';
import { db } from '../../data/instance';
import { transferTrainee } from '../../data/registries/trainees';

interface Values {
  schoolName: string;
  level: SchoolLevel;
  date: string;
}

/** 转出: record the school a trainee moves to; their record and history stay here. */
export function TransferDialog({ trainee, open, onClose }: { trainee: Trainee; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const schools = useLiveQuery(async () => (await db().schools.toArray()).filter((s) => s.deletedAt === null && s.id !== trainee.schoolId), [trainee.schoolId]);
  const name = (Form.useWatch('schoolName', form) ?? '').trim();
  const known = !name || schools?.some((s) => s.name === name);
  return (
    <RegistryFormModal<Values>
      title={`学员转出：${trainee.name}`}
      open={open}
      form={form}
      okText="确认转出"
      width={520}
      initialValues={{ date: todayIso(), level: '村社区' }}
      onSubmit={async (v) => void (await transferTrainee(trainee.id, v))}
      onClose={onClose}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="转出后学员状态为“转出”，其考勤和学时记录仍保留在本校，不会丢失；如学员回到本校，可“恢复在册”。"
      />
      <Form.Item name="schoolName" label="转入党校" rules={[{ required: true, whitespace: true, message: '请填写转入的党校' }, { max: 100, message: '名称不能超过100个字' }]}>
        <AutoComplete
          autoFocus
          placeholder="输入党校名称，可从已有党校中选择"
          options={(schools ?? []).map((s) => ({ value: s.name }))}
          filterOption={(input, option) => !!option?.value.includes(input)}
        />
      </Form.Item>
      {!known && (
        <Form.Item name="level" label="该党校的级别" extra="本系统中还没有这所党校，将新建" rules={[{ required: true, message: '请选择级别' }]}>
          <Select options={SCHOOL_LEVELS.map((l) => ({ value: l, label: l }))} />
        </Form.Item>
      )}
      <Form.Item name="date" label="转出日期" rules={[{ required: true, message: '请选择转出日期' }]} {...dateField}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </RegistryFormModal>
  );
}
