import { App, Button, Card, Col, Form, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { ATTENDANCE_STATUSES, TRAINEE_CATEGORIES } from '../../../../shared/domain/constants';
import { DEFAULT_HOUR_RULES, type HourRules } from '../../../../shared/domain/settings';
import { creditedHours } from '../../../../shared/rules/hours';
import { saveSetting, useSetting } from '../../data/settings';

/** In the form, a status's credit is a percentage or 'minutes' (按实际在场时间). */
type CreditField = number | 'minutes';
type FormValues = Omit<HourRules, 'credit' | 'externalCaps'> & {
  credit: Record<string, CreditField>;
  externalCaps: { source: string; cap: number }[];
};

const toForm = (r: HourRules): FormValues => ({
  ...r,
  credit: Object.fromEntries(Object.entries(r.credit).map(([k, v]) => [k, v === 'minutes' ? v : Math.round(v * 100)])),
  externalCaps: Object.entries(r.externalCaps).map(([source, cap]) => ({ source, cap })),
});

const fromForm = (v: FormValues): HourRules => ({
  ...v,
  credit: Object.fromEntries(
    Object.entries(v.credit).map(([k, c]) => [k, c === 'minutes' ? c : c / 100]),
  ) as HourRules['credit'],
  externalCaps: Object.fromEntries((v.externalCaps ?? []).filter((c) => c.source?.trim()).map((c) => [c.source.trim(), c.cap])),
});

export function HourRulesTab() {
  const { message } = App.useApp();
  const rules = useSetting('hourRules');
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    if (rules) form.setFieldsValue(toForm(rules));
  }, [rules, form]);
  const minutesPerHour = Form.useWatch('minutesPerHour', form);
  const step = Form.useWatch('roundingStep', form);
  const mode = Form.useWatch('roundingMode', form);
  const example =
    minutesPerHour && step !== undefined && mode
      ? creditedHours('迟到', 120, 20, { ...DEFAULT_HOUR_RULES, minutesPerHour, roundingStep: step, roundingMode: mode })
      : null;

  if (!rules) return null;
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={async (values) => {
        await saveSetting('hourRules', fromForm(values));
        void message.success('学时规则已保存');
      }}
    >
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="学时折算" size="small" style={{ marginBottom: 16 }}>
            <Form.Item name="minutesPerHour" label="每学时分钟数" rules={[{ required: true, message: '请填写每学时分钟数' }]} extra="常用 45 分钟，部分地方为 40 或 60 分钟">
              <InputNumber min={10} max={120} addonAfter="分钟" />
            </Form.Item>
            <Space size="large" wrap>
              <Form.Item name="roundingStep" label="取整单位">
                <Select style={{ width: 160 }} options={[{ value: 0.5, label: '0.5 学时' }, { value: 1, label: '1 学时' }, { value: 0.1, label: '0.1 学时' }, { value: 0, label: '不取整（保留两位小数）' }]} />
              </Form.Item>
              <Form.Item name="roundingMode" label="取整方式">
                <Select style={{ width: 200 }} options={[{ value: 'floor', label: '向下取整（不多计）' }, { value: 'nearest', label: '四舍五入' }]} />
              </Form.Item>
            </Space>
            {example !== null && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>示例：120 分钟的课迟到 20 分钟，计 {example} 学时。</Typography.Paragraph>
            )}
          </Card>
          <Card title="各考勤状态计入学时" size="small" style={{ marginBottom: 16 }}>
            {ATTENDANCE_STATUSES.map((s) => (
              <Form.Item key={s} name={['credit', s]} label={s} style={{ marginBottom: 12 }}>
                <Select
                  style={{ width: 260 }}
                  options={[
                    { value: 'minutes', label: '按实际在场时间计' },
                    ...[100, 75, 50, 25, 0].map((p) => ({ value: p, label: p === 100 ? '全额计入' : p === 0 ? '不计入' : `计入 ${p}%` })),
                  ]}
                />
              </Form.Item>
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="年度学时要求（按人员类别）" size="small" style={{ marginBottom: 16 }}>
            {TRAINEE_CATEGORIES.map((c) => (
              <Form.Item key={c} name={['requirements', c]} label={c} style={{ marginBottom: 12 }} rules={[{ required: true, message: '请填写学时要求' }]}>
                <InputNumber min={0} max={500} addonAfter="学时" />
              </Form.Item>
            ))}
            <Typography.Text type="secondary">免学学员（年老体弱、行动不便）不设学时要求。</Typography.Text>
          </Card>
          <Card title="请假限额" size="small" style={{ marginBottom: 16 }}>
            <Space align="baseline">
              请假超过培训班总学时的
              <Form.Item name={['leaveLimit', 'numerator']} noStyle><InputNumber min={0} max={10} style={{ width: 64 }} /></Form.Item>
              /
              <Form.Item name={['leaveLimit', 'denominator']} noStyle><InputNumber min={1} max={20} style={{ width: 64 }} /></Form.Item>
              的，不予结业
            </Space>
          </Card>
          <Card title="外部学时年度上限（按来源，可选）" size="small" style={{ marginBottom: 16 }}>
            <Form.List name="externalCaps">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'source']} rules={[{ required: true, message: '请填写来源' }]}>
                        <Select style={{ width: 200 }} placeholder="来源" options={['学习强国', '灯塔—党建在线', '其他党校培训'].map((v) => ({ value: v, label: v }))} showSearch />
                      </Form.Item>
                      <Form.Item name={[f.name, 'cap']} rules={[{ required: true, message: '请填写上限' }]}>
                        <InputNumber min={0} max={1000} addonAfter="学时" />
                      </Form.Item>
                      <Button type="link" danger onClick={() => remove(f.name)}>删除</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({ source: undefined, cap: 8 })}>添加上限</Button>
                </>
              )}
            </Form.List>
          </Card>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit">保存学时规则</Button>
        <Button onClick={() => form.setFieldsValue(toForm(DEFAULT_HOUR_RULES))}>恢复默认值</Button>
      </Space>
    </Form>
  );
}
