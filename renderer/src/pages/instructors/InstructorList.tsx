import { Space } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
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
import type { RegistryColumn } from '../../components/RegistryTable';
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

  const columns: RegistryColumn<Instructor>[] = [
    {
      title: '姓名', key: 'name', width: 90, fixed: true,
      render: (i) => <Link to={`/instructors/${i.id}`}>{i.name}</Link>,
    },
    { title: '性别', key: 'gender', width: 50 },
    { title: '师资类别', key: 'category', width: 112 },
    { title: '专兼职', key: 'employment', width: 64 },
    { title: '工作单位', key: 'unit', width: 160 },
    { title: '职务/职称', key: 'post', width: 120, render: (i) => [i.post, i.title].filter(Boolean).join('，') },
    { title: '联系电话', key: 'phone', width: 116, render: (i) => (i.phone ? maskPhone(i.phone) : '') },
    {
      title: '授课专题', key: 'topics', width: 140,
      render: ({ topics: t }) => (t.length > 1 ? `${t[0]} 等${t.length}项` : (t[0] ?? '')),
    },
    {
      title: '聘期至', key: 'appointmentEnd', width: 170,
      render: (i) => (
        <Space size={4}>
          {i.appointmentEnd ?? '—'}
          <AppointmentTag instructor={i} today={today} />
        </Space>
      ),
    },
    { title: '状态', key: 'status', width: 64, render: (i) => <InstructorStatusTag instructor={i} /> },
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
