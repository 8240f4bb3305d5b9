import { AutoComplete, DatePicker, Form, Input, Radio, Row, Select, Switch, type FormRule } from 'antd';
import dayjs from 'dayjs';
import { GENDERS, TRAINEE_CATEGORIES } from '../../../../shared/domain/constants';
import { normaliseIdNumber, validateIdNumber } from '../../../../shared/domain/idnumber';
import type { School, Trainee } from '../../../../shared/domain/records';
import { normaliseCell } from '../../../../shared/import/normalise';
import { choiceOptions, dateField, Field, NotesField, phoneRule, phoneValue, RegistryFormModal } from '../../components/RegistryFormModal';
import { RegistrySensitiveInput } from '../../components/RegistrySensitive';
import { saveTrainee, traineeIdentityProblems } from '../../data/registries/trainees';

type Values = Pick<Trainee, 'name' | 'gender' | 'idNumber' | 'birthDate' | 'phone' | 'branch' | 'village' | 'category' | 'exempt' | 'notes'> & {
  schoolId?: string;
};

interface TraineeFormProps {
  open: boolean;
  /** The trainee to edit; a new one when absent. */
  trainee?: Trainee;
  /** Schools a new trainee may belong to, own first. */
  schools: readonly School[];
  branches: readonly string[];
  villages: readonly string[];
  onClose: () => void;
  onSaved?: (trainee: Trainee) => void;
}

/** The ID number, birth date and gender agree, checked by the same rule the repository enforces. */
const identityRule = (field: 'idNumber' | 'birthDate' | 'gender'): FormRule => (form) => ({
  validator: async () => {
    const problem = traineeIdentityProblems({
      idNumber: form.getFieldValue('idNumber') ?? '',
      birthDate: form.getFieldValue('birthDate') ?? null,
      gender: form.getFieldValue('gender') ?? null,
    }).find((p) => p.field === field);
    if (problem) throw new Error(problem.message);
  },
});

const textOptions = (values: readonly string[]) => values.map((v) => ({ value: v }));
const contains = (input: string, option?: { value: string }) => !!option?.value.includes(input);

export function TraineeForm({ open, trainee, schools, branches, villages, onClose, onSaved }: TraineeFormProps) {
  const [form] = Form.useForm<Values>();
  const subject = trainee && ({ table: 'trainees', record: trainee } as const);
  const initialValues: Partial<Values> = trainee ?? { gender: null, category: '普通党员', exempt: false, schoolId: schools[0]?.id };

  const submit = async (v: Values) => {
    const saved = await saveTrainee({
      ...trainee,
      status: trainee?.status ?? '在册',
      name: v.name,
      gender: v.gender ?? null,
      idNumber: normaliseIdNumber(v.idNumber ?? ''),
      birthDate: v.birthDate ?? null,
      phone: phoneValue(v.phone),
      branch: normaliseCell(v.branch ?? ''),
      village: normaliseCell(v.village ?? ''),
      category: v.category,
      exempt: v.exempt ?? false,
      notes: (v.notes ?? '').trim(),
      schoolId: trainee?.schoolId ?? v.schoolId,
    });
    onSaved?.(saved);
  };

  return (
    <RegistryFormModal<Values>
      title={trainee ? `编辑学员：${trainee.name}` : '新增学员'}
      open={open}
      form={form}
      initialValues={initialValues}
      onSubmit={submit}
      onClose={onClose}
      onValuesChange={(changed: Partial<Values>) => {
        // A valid ID number carries the birth date and gender: fill them in when still empty.
        if (changed.idNumber === undefined) return;
        const check = validateIdNumber(normaliseIdNumber(changed.idNumber));
        if (!check.ok) return;
        if (!form.getFieldValue('birthDate')) form.setFieldValue('birthDate', check.birthDate);
        if (!form.getFieldValue('gender')) form.setFieldValue('gender', check.gender);
        void form.validateFields(['birthDate', 'gender']);
      }}
    >
      <Row gutter={16}>
        <Field name="name" label="姓名" requiredMessage="请填写姓名" max={50}>
          <Input autoFocus />
        </Field>
        <Field name="gender" label="性别" dependencies={['idNumber']} rules={[identityRule('gender')]}>
          <Radio.Group options={choiceOptions(GENDERS)} />
        </Field>
        <Field name="idNumber" label="身份证号" rules={[identityRule('idNumber')]} extra="18位，填写后自动带出出生日期和性别">
          <RegistrySensitiveInput field="idNumber" subject={subject} placeholder="可不填" maxLength={24} />
        </Field>
        <Field name="birthDate" label="出生日期" dependencies={['idNumber']} rules={[identityRule('birthDate')]} {...dateField}>
          <DatePicker style={{ width: '100%' }} placeholder="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs())} />
        </Field>
        <Field name="phone" label="联系电话" rules={[phoneRule]}>
          <RegistrySensitiveInput field="phone" subject={subject} placeholder="手机号或固定电话" maxLength={40} />
        </Field>
        <Field name="category" label="人员类别" requiredMessage="请选择人员类别">
          <Select options={choiceOptions(TRAINEE_CATEGORIES)} />
        </Field>
        <Field name="branch" label="所在党支部" max={100}>
          <AutoComplete options={textOptions(branches)} filterOption={contains} placeholder="例如：鲁源村党支部" />
        </Field>
        <Field name="village" label="村(社区)/单位" max={100}>
          <AutoComplete options={textOptions(villages)} filterOption={contains} />
        </Field>
        {!trainee && schools.length > 1 && (
          <Field name="schoolId" label="所属党校" requiredMessage="请选择所属党校">
            <Select showSearch={{ optionFilterProp: 'label' }} options={schools.map((s) => ({ value: s.id, label: s.name }))} />
          </Field>
        )}
        <Field name="exempt" label="免学" valuePropName="checked" extra="年老体弱、行动不便，不作学时要求（送学上门）">
          <Switch checkedChildren="免学" unCheckedChildren="否" />
        </Field>
        <NotesField />
      </Row>
    </RegistryFormModal>
  );
}
