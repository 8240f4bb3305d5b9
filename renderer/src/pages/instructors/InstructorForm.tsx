import { DatePicker, Form, Input, Radio, Row, Select, type FormRule } from 'antd';
import { EMPLOYMENT_KINDS, GENDERS, INSTRUCTOR_CATEGORIES, INSTRUCTOR_STATUSES } from '../../../../shared/domain/constants';
import type { Instructor, RecordMeta } from '../../../../shared/domain/records';
import { normaliseCell } from '../../../../shared/import/normalise';
import { choiceOptions, dateField, Field, NotesField, phoneRule, phoneValue, RegistryFormModal } from '../../components/RegistryFormModal';
import { RegistrySensitiveInput } from '../../components/RegistrySensitive';
import { saveInstructor } from '../../data/registries/instructors';

type Values = Omit<Instructor, keyof RecordMeta>;

interface InstructorFormProps {
  open: boolean;
  instructor?: Instructor;
  /** Topics already in the pool, offered as suggestions. */
  topics: readonly string[];
  onClose: () => void;
  onSaved?: (instructor: Instructor) => void;
}

const endAfterStart: FormRule = (form) => ({
  validator: async (_, end: string | null) => {
    const start = form.getFieldValue('appointmentStart') as string | null;
    if (start && end && end < start) throw new Error('聘期结束不能早于聘期开始');
  },
});

const text = (v: string | undefined) => normaliseCell(v ?? '');

export function InstructorForm({ open, instructor, topics, onClose, onSaved }: InstructorFormProps) {
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    const saved = await saveInstructor({
      ...instructor,
      name: v.name,
      gender: v.gender ?? null,
      category: v.category,
      employment: v.employment,
      unit: text(v.unit),
      post: text(v.post),
      title: text(v.title),
      phone: phoneValue(v.phone),
      topics: v.topics ?? [],
      appointmentStart: v.appointmentStart ?? null,
      appointmentEnd: v.appointmentEnd ?? null,
      status: v.status,
      notes: (v.notes ?? '').trim(),
    });
    onSaved?.(saved);
  };
  return (
    <RegistryFormModal<Values>
      title={instructor ? `编辑教员：${instructor.name}` : '新增教员'}
      open={open}
      form={form}
      initialValues={instructor ?? { employment: '兼职', status: '在库', topics: [] }}
      onSubmit={submit}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Field name="name" label="姓名" requiredMessage="请填写姓名" max={50}>
          <Input autoFocus />
        </Field>
        <Field name="gender" label="性别">
          <Radio.Group options={choiceOptions(GENDERS)} />
        </Field>
        <Field name="category" label="师资类别" requiredMessage="请选择师资类别">
          <Select options={choiceOptions(INSTRUCTOR_CATEGORIES)} />
        </Field>
        <Field name="employment" label="专兼职" requiredMessage="请选择专职或兼职">
          <Radio.Group options={choiceOptions(EMPLOYMENT_KINDS)} />
        </Field>
        <Field name="unit" label="工作单位" span={24} max={200} />
        <Field name="post" label="职务" max={200} />
        <Field name="title" label="职称/荣誉" max={200} />
        <Field name="phone" label="联系电话" rules={[phoneRule]}>
          <RegistrySensitiveInput field="phone" subject={instructor && { table: 'instructors', record: instructor }} placeholder="手机号或固定电话" maxLength={40} />
        </Field>
        <Field name="status" label="状态" requiredMessage="请选择状态">
          <Radio.Group options={choiceOptions(INSTRUCTOR_STATUSES)} />
        </Field>
        <Field name="topics" label="授课专题" span={24} extra="可输入新专题后按回车添加" rules={[{ type: 'array', max: 50, message: '最多50个专题' }]}>
          <Select mode="tags" tokenSeparators={['、', '，', ',', '；', ';']} options={choiceOptions(topics)} />
        </Field>
        <Field name="appointmentStart" label="聘期开始" {...dateField}>
          <DatePicker style={{ width: '100%' }} />
        </Field>
        <Field name="appointmentEnd" label="聘期结束" dependencies={['appointmentStart']} rules={[endAfterStart]} {...dateField}>
          <DatePicker style={{ width: '100%' }} />
        </Field>
        <NotesField />
      </Row>
    </RegistryFormModal>
  );
}
