import { Tag, Typography, type TableColumnsType } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { TRAINEE_CATEGORIES } from '../../../../shared/domain/constants';
import { maskIdNumber, maskPhone } from '../../../../shared/domain/idnumber';
import type { Trainee } from '../../../../shared/domain/records';
import { filterTrainees, type TraineeFilter } from '../../../../shared/rules/search';
import { ImportWizard } from '../../components/import/ImportWizard';
import { RegistryExportDialog } from '../../components/RegistryExportDialog';
import { useDistinct, useSchoolNames, useSchoolsInCharge } from '../../components/RegistryHooks';
import { RegistryActions, RegistryFilter, RegistryList, useAddedMessage, type RegistryDialog } from '../../components/RegistryList';
import { useRegistryState } from '../../components/RegistryState';
import { db } from '../../data/instance';
import type { ExtraColumn } from '../../data/registries/exporting';
import { TraineeForm } from './TraineeForm';
import { TraineeStatusTag } from './TraineeStatusTag';

type Narrowing = Omit<TraineeFilter, 'query'>;
const FILTER: Narrowing = { status: '在册' };
const NO_TRAINEES: Trainee[] = [];

/** Pinyin order, as rosters are kept; plain string comparison keeps 40,000 rows quick to sort. */
const byPinyin = (a: Trainee, b: Trainee) => (a.py < b.py ? -1 : a.py > b.py ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);


/** 学员: the whole roster in memory, filtered as the user types, drawn as a virtual table. */
export function TraineeList() {
  const navigate = useNavigate();
  const added = useAddedMessage('学员', '/trainees');
  const trainees = useLiveQuery(async () => (await db().trainees.toArray()).filter((t) => t.deletedAt === null).sort(byPinyin), []);
  const schools = useSchoolsInCharge();
  const schoolNames = useSchoolNames();
  // The search text apart from the dropdown filters, so a keystroke re-renders neither the
  // filter bar nor the dialogs; the rows follow the typing as a deferred value.
  const [query, setQuery] = useRegistryState('trainees:query', '');
  const [filter, setFilter] = useRegistryState('trainees:filter', FILTER);
  const wanted = useMemo(() => ({ ...filter, query }), [filter, query]);
  const deferred = useDeferredValue(wanted);
  const rows = useMemo(() => trainees && filterTrainees(trainees, deferred), [trainees, deferred]);
  const branches = useDistinct(trainees, 'branch');
  const villages = useDistinct(trainees, 'village');
  const [dialog, setDialog] = useState<RegistryDialog | null>(null);
  const multiSchool = schools.length > 1;
  const set = useCallback((patch: Partial<Narrowing>) => setFilter((f) => ({ ...f, ...patch })), [setFilter]);

  // Kept from render to render: the table re-derives its rows (all 40,000 at county scale) whenever its columns change.
  const columns = useMemo<TableColumnsType<Trainee>>(() => [
    {
      title: '姓名', dataIndex: 'name', width: 100, fixed: 'left',
      render: (name: string, t) => <Typography.Link onClick={() => navigate(`/trainees/${t.id}`)}>{name}</Typography.Link>,
    },
    { title: '性别', dataIndex: 'gender', width: 56 },
    { title: '身份证号', dataIndex: 'idNumber', width: 180, render: (v: string) => (v ? maskIdNumber(v) : '') },
    { title: '联系电话', dataIndex: 'phone', width: 120, render: (v: string) => (v ? maskPhone(v) : '') },
    { title: '所在党支部', dataIndex: 'branch', width: 220, ellipsis: true },
    { title: '村(社区)/单位', dataIndex: 'village', width: 130, ellipsis: true },
    { title: '人员类别', dataIndex: 'category', width: 140 },
    { title: '免学', dataIndex: 'exempt', width: 64, render: (v: boolean) => (v ? <Tag color="gold">免学</Tag> : null) },
    { title: '状态', dataIndex: 'status', width: 72, render: (_: string, t) => <TraineeStatusTag trainee={t} /> },
    ...(multiSchool
      ? [{ title: '所属党校', dataIndex: 'schoolId', width: 180, ellipsis: true, render: (id: string) => schoolNames.get(id) ?? '' }]
      : []),
  ], [navigate, multiSchool, schoolNames]);

  const filters = useMemo(() => (
    <>
      <RegistryFilter label="人员类别" width={150} filter={filter} field="category" set={set} options={TRAINEE_CATEGORIES} />
      <RegistryFilter label="所在党支部" width={200} filter={filter} field="branch" set={set} options={branches} search />
      <RegistryFilter label="村(社区)/单位" width={150} filter={filter} field="village" set={set} options={villages} search />
      <RegistryFilter label="是否免学" width={110} filter={filter} field="exempt" set={set} options={[{ value: true, label: '免学' }, { value: false, label: '非免学' }]} />
      <RegistryFilter label="状态" width={100} filter={filter} field="status" set={set} required options={['在册', '转出', '退出', { value: 'all', label: '全部状态' }]} />
      {multiSchool && (
        <RegistryFilter label="所属党校" width={180} filter={filter} field="schoolId" set={set} search options={schools.map((s) => ({ value: s.id, label: s.name }))} />
      )}
    </>
  ), [filter, set, branches, villages, multiSchool, schools]);

  // The export takes the rows shown when it is opened; typing (which it covers) changes nothing in it.
  const exported = dialog === 'export' ? (rows ?? NO_TRAINEES) : NO_TRAINEES;
  const dialogs = useMemo(() => {
    const close = () => setDialog(null);
    const exportExtra: ExtraColumn<Trainee>[] = [
      { header: '状态', value: (t) => t.status },
      {
        header: '转入党校', width: 24,
        value: (t) => (t.transfer ? `${schoolNames.get(t.transfer.schoolId) ?? ''}（${t.transfer.date}转出）` : ''),
      },
      ...(multiSchool ? [{ header: '所属党校', width: 24, value: (t: Trainee) => schoolNames.get(t.schoolId) ?? '' }] : []),
    ];
    return (
      <>
        <TraineeForm open={dialog === 'create'} schools={schools} branches={branches} villages={villages} onClose={close} onSaved={added} />
        <ImportWizard entity="trainee" open={dialog === 'import'} onClose={close} schools={schools} />
        <RegistryExportDialog
          entity="trainee"
          open={dialog === 'export'}
          onClose={close}
          records={exported}
          extra={exportExtra}
          sensitive="身份证号和电话"
        />
      </>
    );
  }, [dialog, schools, branches, villages, added, exported, schoolNames, multiSchool]);

  return (
    <>
      <RegistryList
        title="学员"
        stateKey="trainees"
        unit="人"
        rows={rows}
        total={trainees?.length ?? 0}
        columns={columns}
        query={query}
        onQuery={setQuery}
        placeholder="姓名、拼音首字母、支部、身份证尾号"
        onOpen={(t) => navigate(`/trainees/${t.id}`)}
        actions={<RegistryActions noun="学员" open={setDialog} canExport={!!rows?.length} />}
        filters={filters}
      />
      {dialogs}
    </>
  );
}
