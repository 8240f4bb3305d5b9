import { Button, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { SCHOOL_LEVELS } from '../../../shared/domain/constants';
import { db } from '../data/instance';
import { getSelfSchool, saveSchoolProfile, type SchoolProfileInput } from '../data/school';

/** The school profile (本校信息), used on first run and in the settings. */
export function SchoolProfileForm({ submitText, onSaved }: { submitText: string; onSaved: () => void }) {
  const [form] = Form.useForm<SchoolProfileInput>();
  useEffect(() => {
    void (async () => {
      const self = await getSelfSchool();
      if (!self) return;
      const parent = self.parentId ? await db().schools.get(self.parentId) : undefined;
      form.setFieldsValue({ name: self.name, level: self.level, code: self.code, parentName: parent?.name ?? '' });
    })();
  }, [form]);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ level: '镇街', parentName: '中共曲阜市委党校', code: '' }}
      onFinish={async (values) => {
        await saveSchoolProfile({ ...values, parentName: values.parentName ?? '', code: values.code ?? '' });
        onSaved();
      }}
      style={{ maxWidth: 520 }}
    >
      <Form.Item name="name" label="党校名称" rules={[{ required: true, whitespace: true, message: '请填写党校名称' }, { max: 100, message: '名称不能超过100个字' }]}>
        <Input placeholder="例如：鲁城街道党校" autoFocus />
      </Form.Item>
      <Form.Item name="level" label="级别" rules={[{ required: true, message: '请选择级别' }]}>
        <Select options={SCHOOL_LEVELS.map((l) => ({ value: l, label: l }))} />
      </Form.Item>
      <Form.Item name="parentName" label="上级党校" rules={[{ max: 100, message: '名称不能超过100个字' }]}>
        <Input placeholder="例如：中共曲阜市委党校" />
      </Form.Item>
      <Form.Item name="code" label="党校代码" rules={[{ max: 40, message: '代码不能超过40个字符' }]}>
        <Input placeholder="可选，例如 370881-01" />
      </Form.Item>
      <Button type="primary" htmlType="submit">{submitText}</Button>
    </Form>
  );
}
