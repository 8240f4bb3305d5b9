import { AutoComplete, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { DEMO_LEVELS, QUFU_TOWNS, SITE_KINDS } from '../../../../shared/domain/constants';
import type { RecordMeta, Site } from '../../../../shared/domain/records';
import { normaliseCell } from '../../../../shared/import/normalise';
import { parseOpenPeriods } from '../../../../shared/import/openPeriods';
import { choiceOptions, Field, NotesField, phoneRule, phoneValue, RegistryFormModal } from '../../components/RegistryFormModal';
import { RegistrySensitiveInput } from '../../components/RegistrySensitive';
import { db } from '../../data/instance';
import { formatOpenPeriods } from '../../data/registries/fieldText';
import { saveSite } from '../../data/registries/sites';

/** Open periods are typed as offices write them and read by the importer's parser. */
type Values = Omit<Site, keyof RecordMeta | 'openPeriods'> & { openPeriods: string };

interface SiteFormProps {
  open: boolean;
  site?: Site;
  /** Towns already used, offered with Qufu's 12 towns. */
  towns: readonly string[];
  onClose: () => void;
  onSaved?: (site: Site) => void;
}

const openPeriodsRule = {
  validator: async (_: unknown, value: string | undefined) => {
    const cell = normaliseCell(value ?? '');
    const parsed = cell ? parseOpenPeriods(cell) : null;
    if (parsed && !parsed.ok) throw new Error(parsed.error);
  },
};

const text = (v: string | undefined) => normaliseCell(v ?? '');

export function SiteForm({ open, site, towns, onClose, onSaved }: SiteFormProps) {
  const [form] = Form.useForm<Values>();
  const courses = useLiveQuery(async () => (await db().courses.toArray()).filter((c) => c.deletedAt === null), []);
  const submit = async (v: Values) => {
    const periods = text(v.openPeriods);
    const parsed = periods ? parseOpenPeriods(periods) : null;
    const saved = await saveSite({
      ...site,
      kind: v.kind,
      name: v.name,
      town: text(v.town),
      village: text(v.village),
      address: text(v.address),
      theme: text(v.theme),
      capacity: v.capacity ?? 0,
      guide: text(v.guide),
      guidePhone: phoneValue(v.guidePhone),
      courseIds: v.courseIds ?? [],
      demoLevel: v.demoLevel,
      openPeriods: parsed?.ok ? parsed.value : [],
      status: v.status,
      notes: (v.notes ?? '').trim(),
    });
    onSaved?.(saved);
  };
  const initialValues: Partial<Values> = site
    ? { ...site, openPeriods: formatOpenPeriods(site.openPeriods) }
    : { kind: '现场教学点', demoLevel: '无', status: '启用', capacity: 0, courseIds: [] };

  return (
    <RegistryFormModal<Values>
      title={site ? `编辑教学点：${site.name}` : '新增教学点'}
      open={open}
      form={form}
      initialValues={initialValues}
      onSubmit={submit}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Field name="kind" label="类型" span={24} requiredMessage="请选择类型" extra="“1+X+N”：1个主校区、X个培训基地、N个现场教学点">
          <Radio.Group options={choiceOptions(SITE_KINDS)} />
        </Field>
        <Field name="name" label="名称" span={24} requiredMessage="请填写名称" max={100}>
          <Input autoFocus />
        </Field>
        <Field name="town" label="镇街" max={50}>
          <AutoComplete options={[...new Set([...QUFU_TOWNS, ...towns])].map((t) => ({ value: t }))} filterOption={(i, o) => !!o?.value.includes(i)} />
        </Field>
        <Field name="village" label="村(社区)" max={50} />
        <Field name="address" label="地址" span={24} max={200} />
        <Field name="theme" label="教学主题" span={16} max={200}>
          <Input placeholder="例如：革命传统教育、廉政文化" />
        </Field>
        <Field name="capacity" label="容纳人数" span={8} rules={[{ type: 'integer', min: 0, max: 100000, message: '应为0至100000的整数' }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Field>
        <Field name="guide" label="讲解员" max={50} />
        <Field name="guidePhone" label="讲解员电话" rules={[phoneRule]}>
          <RegistrySensitiveInput field="guidePhone" subject={site && { table: 'sites', record: site }} maxLength={40} />
        </Field>
        <Field name="demoLevel" label="示范等级">
          <Select options={choiceOptions(DEMO_LEVELS)} />
        </Field>
        <Field name="status" label="状态">
          <Radio.Group options={choiceOptions(['启用', '停用'])} />
        </Field>
        <Field name="openPeriods" label="开放时间" span={24} rules={[openPeriodsRule]} extra="例如：周一至周五 08:30-11:30、14:00-17:30；周六 09:00-12:00（不填表示未规定）" />
        <Field name="courseIds" label="在此开设的课程" span={24}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="从课程库中选择"
            options={(courses ?? []).map((c) => ({ value: c.id, label: c.title }))}
          />
        </Field>
        <NotesField />
      </Row>
    </RegistryFormModal>
  );
}
