import { Space, Typography, type TableColumnsType } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { EMPLOYMENT_KINDS, INSTRUCTOR_CATEGORIES, INSTRUCTOR_STATUSES } from '../../../../shared/domain/constants';
import { maskPhone } from '../../../../shared/domain/idnumber';
import type { Instructor } from '../../../../shared/domain/records';
import { todayIso } from '../../../../shared/import/dates';
import { appointmentWarning } from '../../../../shared/rules/appointment';
import { nameInitials } from '../../../../shared/rules/pinyin';
import { filterInstructors, type InstructorFilter } from '../../../../shared/rules/search';
import { ImportWizard } from '../../components/import/ImportWizard';
import { RegistryExportDialog } from '../../components/RegistryExportDialog';
import { useDistinct, useSchoolsInCharge } from '../../components/RegistryHooks';
import { RegistryActions, RegistryFilter, RegistryList, useAddedMessage, type RegistryDialog } from '../../components/RegistryList';
import { useRegistryState } from '../../components/RegistryState';
import { db } from '../../data/instance';
import { AppointmentTag, InstructorStatusTag } from './InstructorTags';
import { InstructorForm } from './InstructorForm';

type Filter = InstructorFilter & { warning?: boolean | null };
const FILTER: Filter = { query: '', status: 'all' };


/** 师资库: the instructor pool with its appointment warnings. */
export function InstructorList() {
  const navigate = useNavigate();
  const added = useAddedMessage('教员', '/instructors');
  const instructors = useLiveQuery(
    async () => (await db().instructors.toArray()).filter((i) => i.deletedAt === null).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [],
  );
  const initials = useMemo(() => new Map((instructors ?? []).map((i) => [i.id, nameInitials(i.name)])), [instructors]);
  const schools = useSchoolsInCharge();
  const topics = useDistinct(instructors, 'topics');
  const [filter, setFilter] = useRegistryState('instructors:filter', FILTER);
  const [dialog, setDialog] = useState<RegistryDialog | null>(null);
  const today = todayIso();
  const rows = useMemo(
    () =>
      instructors &&
      filterInstructors(instructors, filter, (i) => initials.get(i.id) ?? '').filter(
        (i) => filter.warning == null || (appointmentWarning(i, today) !== null) === filter.warning,
      ),
    [instructors, filter, initials, today],
  );
  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));

  const columns: TableColumnsType<Instructor> = [
    {
      title: '姓名', dataIndex: 'name', width: 90, fixed: 'left',
      render: (name: string, i) => <Typography.Link onClick={() => navigate(`/instructors/${i.id}`)}>{name}</Typography.Link>,
    },
    { title: '性别', dataIndex: 'gender', width: 50 },
    { title: '师资类别', dataIndex: 'category', width: 112 },
    { title: '专兼职', dataIndex: 'employment', width: 64 },
    { title: '工作单位', dataIndex: 'unit', width: 160, ellipsis: true },
    { title: '职务/职称', key: 'post', width: 120, ellipsis: true, render: (_, i) => [i.post, i.title].filter(Boolean).join('，') },
    { title: '联系电话', dataIndex: 'phone', width: 116, render: (v: string) => (v ? maskPhone(v) : '') },
    {
      title: '授课专题', dataIndex: 'topics', width: 140, ellipsis: true,
      render: (t: string[]) => (t.length > 1 ? `${t[0]} 等${t.length}项` : (t[0] ?? '')),
    },
    {
      title: '聘期至', dataIndex: 'appointmentEnd', width: 170,
      render: (end: string | null, i) => (
        <Space size={4}>
          {end ?? '—'}
          <AppointmentTag instructor={i} today={today} />
        </Space>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 64, render: (_: string, i) => <InstructorStatusTag instructor={i} /> },
  ];

  return (
    <>
      <RegistryList
        title="师资库"
        stateKey="instructors"
        unit="人"
        rows={rows}
        total={instructors?.length ?? 0}
        columns={columns}
        query={filter.query}
        onQuery={(query) => set({ query })}
        placeholder="姓名、拼音首字母、单位或专题"
        onOpen={(i) => navigate(`/instructors/${i.id}`)}
        actions={<RegistryActions noun="教员" open={setDialog} canExport={!!rows?.length} />}
        filters={
          <>
            <RegistryFilter label="师资类别" width={140} filter={filter} field="category" set={set} options={INSTRUCTOR_CATEGORIES} />
            <RegistryFilter label="专兼职" width={96} filter={filter} field="employment" set={set} options={EMPLOYMENT_KINDS} />
            <RegistryFilter label="状态" width={100} filter={filter} field="status" set={set} required options={[...INSTRUCTOR_STATUSES, { value: 'all', label: '全部状态' }]} />
            <RegistryFilter label="授课专题" width={200} filter={filter} field="topic" set={set} options={topics} search />
            <RegistryFilter label="聘期" width={120} filter={filter} field="warning" set={set} options={[{ value: true, label: '已满或将满' }, { value: false, label: '聘期正常' }]} />
          </>
        }
      />
      <InstructorForm
        open={dialog === 'create'}
        topics={topics}
        onClose={() => setDialog(null)}
        onSaved={added}
      />
      <ImportWizard entity="instructor" open={dialog === 'import'} onClose={() => setDialog(null)} schools={schools} />
      <RegistryExportDialog entity="instructor" open={dialog === 'export'} onClose={() => setDialog(null)} records={rows ?? []} sensitive="电话" />
    </>
  );
}
