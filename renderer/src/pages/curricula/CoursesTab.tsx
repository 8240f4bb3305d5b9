import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useState } from 'react';
import {
  COURSE_CATEGORIES, COURSE_DOMAINS, COURSE_LEVELS, TEACHING_METHODS,
} from '../../../../shared/domain/constants';
import type { Course } from '../../../../shared/domain/records';
import { minutesToHours } from '../../../../shared/rules/hours';
import { deleteCourse, filterCourses, saveCourse, type CourseDraft, type CourseFilter } from '../../data/schedule/courses';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { useSetting } from '../../data/settings';
import { RegistryFormModal } from '../../components/RegistryFormModal';
import { FilterSelect } from '../schedule/FilterSelect';
import { useConfirmDelete } from './useConfirmDelete';

const options = <T extends string>(values: readonly T[]) => values.map((v) => ({ value: v, label: v }));

const NEW_COURSE: Partial<CourseDraft> = { minutes: 180, instructorIds: [], siteId: null, description: '', category: '基础必修', method: '专题讲授' };

function CourseForm({ course, refs, onClose }: { course: Partial<CourseDraft>; refs: ScheduleRefs; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CourseDraft>();
  return (
    <RegistryFormModal<CourseDraft>
      open
      form={form}
      title={course.id ? '编辑课程' : '新建课程'}
      initialValues={course}
      width={720}
      onClose={onClose}
      onSubmit={async (v) => {
        await saveCourse({ ...course, ...v, siteId: v.siteId ?? null, description: v.description ?? '' } as CourseDraft);
        void message.success('课程已保存');
      }}
    >
      <Form.Item name="title" label="课程名称" rules={[{ required: true, whitespace: true, message: '请填写课程名称' }]}>
        <Input autoFocus maxLength={100} />
      </Form.Item>
      <Space wrap size="middle">
        <Form.Item name="domain" label="教育内容" rules={[{ required: true, message: '请选择教育内容' }]}>
          <Select showSearch style={{ width: 200 }} options={options(COURSE_DOMAINS)} />
        </Form.Item>
        <Form.Item name="category" label="课程类别" rules={[{ required: true, message: '请选择课程类别' }]}>
          <Select showSearch style={{ width: 140 }} options={options(COURSE_CATEGORIES)} />
        </Form.Item>
        <Form.Item name="level" label="培训对象" rules={[{ required: true, message: '请选择培训对象' }]}>
          <Select showSearch style={{ width: 200 }} options={options(COURSE_LEVELS)} />
        </Form.Item>
        <Form.Item name="method" label="教学方式" rules={[{ required: true, message: '请选择教学方式' }]}>
          <Select showSearch style={{ width: 140 }} options={options(TEACHING_METHODS)} />
        </Form.Item>
        <Form.Item name="minutes" label="默认时长" rules={[{ required: true, message: '请填写默认时长' }]}>
          <InputNumber min={1} max={24 * 60} step={15} suffix="分钟" style={{ width: 130 }} />
        </Form.Item>
      </Space>
      <Form.Item name="instructorIds" label="可授课教员">
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择能讲授本课程的教员"
          options={refs.instructors.map((i) => ({ value: i.id, label: i.status === '在库' ? i.name : `${i.name}（${i.status}）` }))}
        />
      </Form.Item>
      <Form.Item
        name="siteId"
        label="现场教学点"
        dependencies={['method']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              getFieldValue('method') === '现场教学' && !value ? Promise.reject(new Error('现场教学课程须选择教学点')) : Promise.resolve(),
          }),
        ]}
      >
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="现场教学时选择" options={refs.sites.map((s) => ({ value: s.id, label: `${s.name}（${s.town}）` }))} />
      </Form.Item>
      <Form.Item name="description" label="课程简介">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </RegistryFormModal>
  );
}

/** 课程库: search and filter by every field; create, edit and delete courses. */
export function CoursesTab({ refs }: { refs: ScheduleRefs }) {
  const confirmDelete = useConfirmDelete();
  const rules = useSetting('hourRules');
  const [filter, setFilter] = useState<CourseFilter>({});
  const [editing, setEditing] = useState<Partial<CourseDraft> | null>(null);
  const shown = filterCourses(refs.courses, filter);
  const set = (patch: CourseFilter) => setFilter((f) => ({ ...f, ...patch }));

  const remove = (c: Course) =>
    confirmDelete({ title: `删除课程“${c.title}”？`, run: () => deleteCourse(c.id), done: '课程已删除' });

  return (
    <>
      <div className="dxs-toolbar">
        <Input.Search allowClear placeholder="课程名称或简介" aria-label="搜索课程" style={{ width: 220 }} onChange={(e) => set({ text: e.target.value })} />
        <FilterSelect label="按教育内容筛选" placeholder="教育内容" width={170} value={filter.domain} onChange={(domain) => set({ domain })} options={options(COURSE_DOMAINS)} />
        <FilterSelect label="按课程类别筛选" placeholder="课程类别" width={120} value={filter.category} onChange={(category) => set({ category })} options={options(COURSE_CATEGORIES)} />
        <FilterSelect label="按培训对象筛选" placeholder="培训对象" width={170} value={filter.level} onChange={(level) => set({ level })} options={options(COURSE_LEVELS)} />
        <FilterSelect label="按教学方式筛选" placeholder="教学方式" width={120} value={filter.method} onChange={(method) => set({ method })} options={options(TEACHING_METHODS)} />
        <FilterSelect
          label="按教员筛选"
          placeholder="授课教员"
          width={130}
          value={filter.instructorId}
          onChange={(instructorId) => set({ instructorId })}
          options={refs.instructors.map((i) => ({ value: i.id, label: i.name }))}
        />
        <FilterSelect
          label="按教学点筛选"
          placeholder="教学点"
          width={180}
          value={filter.siteId}
          onChange={(siteId) => set({ siteId })}
          options={refs.sites.map((x) => ({ value: x.id, label: x.name }))}
        />
        <span style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(NEW_COURSE)}>新建课程</Button>
      </div>
      <Table<Course>
        size="small"
        rowKey="id"
        dataSource={shown}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 门课程`, showSizeChanger: false }}
        columns={[
          {
            title: '课程名称',
            dataIndex: 'title',
            render: (t: string, c) => (
              <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setEditing(c)}>
                {t}
              </Button>
            ),
          },
          { title: '教育内容', dataIndex: 'domain', width: 110 },
          { title: '类别', dataIndex: 'category', width: 80 },
          { title: '培训对象', dataIndex: 'level', width: 120 },
          { title: '方式', dataIndex: 'method', width: 80 },
          {
            title: '时长',
            dataIndex: 'minutes',
            width: 140,
            render: (m: number) => `${m} 分钟${rules ? ` / ${minutesToHours(m, rules)} 学时` : ''}`,
          },
          {
            title: '可授课教员',
            width: 150,
            ellipsis: { showTitle: true },
            render: (_, c) => c.instructorIds.map((id) => refs.instructor.get(id)?.name).filter(Boolean).join('、') || '—',
          },
          {
            title: '现场教学点',
            width: 150,
            ellipsis: { showTitle: true },
            render: (_, c) => (c.siteId ? refs.site.get(c.siteId)?.name ?? '（已删除）' : '—'),
          },
          {
            title: '操作',
            width: 110,
            render: (_, c) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => setEditing(c)}>编辑</Button>
                <Button type="link" size="small" danger onClick={() => remove(c)}>删除</Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <CourseForm course={editing} refs={refs} onClose={() => setEditing(null)} />}
    </>
  );
}
