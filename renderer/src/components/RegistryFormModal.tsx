import { Alert, Col, Form, Input, Modal, type FormInstance, type FormItemProps, type FormProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { parsePhone } from '../../../shared/import/fields';
import { normaliseCell } from '../../../shared/import/normalise';
import { RegistryRuleError } from '../data/registries/common';

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Form.Item props that keep a DatePicker's value as 'YYYY-MM-DD' text in the form (and the record). */
export const dateField = {
  getValueProps: (value: string | null | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null),
};

/** A phone as the importer reads it: 138 0537 1234 → 13805371234; landlines kept as written. */
export function phoneValue(text: string | undefined): string {
  const cell = normaliseCell(text ?? '');
  const parsed = cell ? parsePhone(cell) : null;
  return parsed?.ok ? parsed.value : cell;
}

/** A phone field's rule: empty, or a number the importer would accept. */
export const phoneRule = {
  validator: async (_: unknown, value: string | undefined) => {
    const cell = normaliseCell(value ?? '');
    const parsed = cell ? parsePhone(cell) : null;
    if (parsed && !parsed.ok) throw new Error(parsed.error);
  },
};

/** Select or radio options whose label is the value, for the domain's Chinese vocabularies. */
export const choiceOptions = <T extends string>(values: readonly T[]) => values.map((value) => ({ value, label: value }));

interface FieldProps extends Omit<FormItemProps, 'required'> {
  /** Grid columns of 24. */
  span?: number;
  /** Most characters allowed (the record schema's limit). */
  max?: number;
  /** The message when left empty; absent for an optional field. */
  requiredMessage?: string;
}

/** One field of a registry form's grid; a plain text input unless another control is given. */
export function Field({ span = 12, max, requiredMessage, rules = [], children, ...item }: FieldProps) {
  const all = [
    ...(requiredMessage ? [{ required: true, whitespace: true, message: requiredMessage }] : []),
    ...(max ? [{ max, message: `不能超过${max}个字` }] : []),
    ...rules,
  ];
  return (
    <Col span={span}>
      <Form.Item {...item} rules={all}>{children ?? <Input />}</Form.Item>
    </Col>
  );
}

export function NotesField() {
  return (
    <Field name="notes" label="备注" span={24} max={2000}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
    </Field>
  );
}

export interface RegistryFormModalProps<V> {
  title: string;
  open: boolean;
  form: FormInstance<V>;
  initialValues: FormProps<V>['initialValues'];
  /** Save; a RegistryRuleError naming a field is shown on that field, anything else above the form. */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  onValuesChange?: FormProps<V>['onValuesChange'];
  okText?: string;
  width?: number;
  children: ReactNode;
}

/**
 * A registry form in a dialog: rules run as the user types, Enter submits (the OK button
 * is the form's submit button), Esc closes, and a rule the repository enforces (an ID number
 * already registered …) lands on the field it concerns.
 */
export function RegistryFormModal<V>(props: RegistryFormModalProps<V>) {
  const { form } = props;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: V) => {
    setSaving(true);
    setError(null);
    try {
      await props.onSubmit(values);
      props.onClose();
    } catch (e) {
      if (e instanceof RegistryRuleError && e.field) form.setFields([{ name: e.field as never, errors: [e.message] }]);
      else setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      title={props.title}
      open={props.open}
      onCancel={props.onClose}
      okText={props.okText ?? '保存'}
      cancelText="取消"
      width={props.width ?? 720}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => (
        <Form<V>
          form={form}
          layout="vertical"
          initialValues={props.initialValues}
          clearOnDestroy
          onFinish={submit}
          onValuesChange={props.onValuesChange}
          scrollToFirstError
        >
          {dom}
        </Form>
      )}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {props.children}
    </Modal>
  );
}
