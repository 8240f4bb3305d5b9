import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Plan } from '../../../../shared/domain/records';
import { deletePlan, savePlan, type PlanDraft } from '../../data/schedule/classes';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { RegistryFormModal } from '../../components/RegistryFormModal';
import { useConfirmDelete } from './useConfirmDelete';
import { TARGET_GROUPS, TargetGroupInput } from './TargetGroupInput';

function PlanForm({ plan, onClose }: { plan: Partial<PlanDraft>; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanDraft>();
  return (
    <RegistryFormModal<PlanDraft>
      open
      form={form}
      title={plan.id ? '编辑培训计划' : '新建年度培训计划'}
      initialValues={plan}
      onClose={onClose}
      onSubmit={async (v) => {
        await savePlan({ ...plan, ...v, targetGroup: v.targetGroup ?? '', notes: v.notes ?? '' } as PlanDraft);
        void message.success('培训计划已保存');
      }}
    >
      <Space size="middle" style={{ display: 'flex' }}>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="title" label="计划名称" rules={[{ required: true, whitespace: true, message: '请填写计划名称' }]} style={{ flex: 1 }}>
          <Input autoFocus maxLength={100} />
        </Form.Item>
      </Space>
      <Form.Item name="targetGroup" label="培训对象">
        <TargetGroupInput />
      </Form.Item>
      <Form.Item name="notes" label="说明">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </RegistryFormModal>
  );
}

/** 年度培训计划: each plan with its classes; a class belongs to at most one plan. */
export function PlansTab({ refs, year }: { refs: ScheduleRefs; year: number | null }) {
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<Partial<PlanDraft> | null>(null);
  const plans = refs.plans.filter((p) => year === null || p.year === year);
  const classesOf = (p: Plan) => refs.classes.filter((c) => c.planId === p.id);

  const remove = (p: Plan) =>
    confirmDelete({ title: `删除培训计划“${p.title}”？`, run: () => deletePlan(p.id), done: '培训计划已删除' });

  return (
    <>
      <div className="dxs-toolbar">
        <span style={{ flex: 1 }} />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ year: year ?? new Date().getFullYear(), title: '', targetGroup: TARGET_GROUPS[0], notes: '' })}
        >
          新建培训计划
        </Button>
      </div>
      <Table<Plan>
        size="small"
        rowKey="id"
        dataSource={plans}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 个计划` }}
        expandable={{
          rowExpandable: (p) => classesOf(p).length > 0,
          expandedRowRender: (p) => (
            <ul style={{ margin: 0 }}>
              {classesOf(p).map((c) => (
                <li key={c.id}>
                  <Link to={`/curricula/classes/${c.id}`}>{c.title}</Link>（{c.startDate} 至 {c.endDate}）
                </li>
              ))}
            </ul>
          ),
        }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '计划名称', dataIndex: 'title' },
          { title: '培训对象', dataIndex: 'targetGroup' },
          { title: '主办党校', render: (_, p) => refs.school.get(p.schoolId)?.name ?? '' },
          { title: '培训班', width: 80, align: 'right', render: (_, p) => classesOf(p).length },
          {
            title: '操作',
            width: 110,
            render: (_, p) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => setEditing(p)}>编辑</Button>
                <Button type="link" size="small" danger onClick={() => remove(p)}>删除</Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <PlanForm plan={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
