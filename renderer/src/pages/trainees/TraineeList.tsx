import { Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { TRAINEE_CATEGORIES } from '../../../../shared/domain/constants';
import { maskIdNumber, maskPhone } from '../../../../shared/domain/idnumber';
import type { Trainee } from '../../../../shared/domain/records';
import { traineeSearch, type TraineeFilter } from '../../../../shared/rules/search';
import { ImportWizard } from '../../components/import/ImportWizard';
import { RegistryExportDialog } from '../../components/RegistryExportDialog';
import { distinctValues, useSchoolNames, useSchoolsInCharge } from '../../components/RegistryHooks';
import { RegistryActions, RegistryFilter, RegistryList, useAddedMessage, type RegistryDialog } from '../../components/RegistryList';
import type { RegistryColumn } from '../../components/RegistryTable';
import { useRegistryState } from '../../components/RegistryState';
import { rollTrainees, type RollTrainee } from '../../data/caches';
import { db } from '../../data/instance';
import type { ExtraColumn } from '../../data/registries/exporting';
import { TraineeForm } from './TraineeForm';
import { TraineeStatusTag } from './TraineeStatusTag';

type Narrowing = Omit<TraineeFilter, 'query'>;
const FILTER: Narrowing = { status: '在册' };
const NO_TRAINEES: RollTrainee[] = [];
const NO_VALUES: string[] = [];

/** Pinyin order, as rosters are kept; plain string comparison keeps 40,000 rows quick to sort. */
const byPinyin = (a: RollTrainee, b: RollTrainee) => (a.py < b.py ? -1 : a.py > b.py ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Every school's trainees from the packed rolls (one document per school, not one record per
 * trainee), prepared for searching, with the filters' options: work done as they are read, a
 * task apart from drawing them.
 */
async function readRolls() {
  const trainees = await rollTrainees(db());
  return {
    search: traineeSearch(trainees, byPinyin),
    branches: distinctValues(trainees, 'branch'),
    villages: distinctValues(trainees, 'village'),
  };
}

/** The full records of rows the list shows (the rolls hold only what the list needs), in the list's order. */
async function fullRecords(rows: readonly RollTrainee[]): Promise<Trainee[]> {
  const records = await db().trainees.bulkGet(rows.map((r) => r.id));
  return records.filter((t): t is Trainee => t !== undefined && t.deletedAt === null);
}

/** 学员: every school's trainees, filtered in memory as the user types, drawn as a virtual table. */
export function TraineeList() {
  const navigate = useNavigate();
  const added = useAddedMessage('学员', '/trainees');
  // Kept current by the rolls, which every trainee write updates in its own transaction. A new
  // roll is drawn as a deferred value: in slices, between which the window still answers.
  const roll = useDeferredValue(useLiveQuery(readRolls, []));
  const search = roll?.search;
  const branches = roll?.branches ?? NO_VALUES;
  const villages = roll?.villages ?? NO_VALUES;
  const schools = useSchoolsInCharge();
  const schoolNames = useSchoolNames();
  // The search text apart from the dropdown filters, so a keystroke re-renders neither the
  // filter bar nor the dialogs. The rows follow each keystroke in the same render: the search
  // finds a word among 40,000 in a few milliseconds (traineeSearch), and a deferred render,
  // which yields to the browser every few milliseconds, only showed the rows later.
  const [query, setQuery] = useRegistryState('trainees:query', '');
  const [filter, setFilter] = useRegistryState('trainees:filter', FILTER);
  const wanted = useMemo(() => ({ ...filter, query }), [filter, query]);
  const rows = useMemo(() => search?.filter(wanted), [search, wanted]);
  const [dialog, setDialog] = useState<RegistryDialog | null>(null);
  const multiSchool = schools.length > 1;
  const set = useCallback((patch: Partial<Narrowing>) => setFilter((f) => ({ ...f, ...patch })), [setFilter]);
  const open = useCallback((t: RollTrainee) => navigate(`/trainees/${t.id}`), [navigate]);
  // The same element from keystroke to keystroke, so typing does not draw the buttons again.
  const canExport = !!rows?.length;
  const actions = useMemo(() => <RegistryActions noun="学员" open={setDialog} canExport={canExport} />, [canExport]);

  // Kept from render to render: the rows drawn are drawn again whenever the columns change.
  const columns = useMemo<RegistryColumn<RollTrainee>[]>(() => [
    { title: '姓名', key: 'name', width: 100, fixed: true, render: (t) => <Link to={`/trainees/${t.id}`}>{t.name}</Link> },
    { title: '性别', key: 'gender', width: 56 },
    { title: '身份证号', key: 'idNumber', width: 180, render: (t) => (t.idNumber ? maskIdNumber(t.idNumber) : '') },
    { title: '联系电话', key: 'phone', width: 120, render: (t) => (t.phone ? maskPhone(t.phone) : '') },
    { title: '所在党支部', key: 'branch', width: 220 },
    { title: '村(社区)/单位', key: 'village', width: 130 },
    { title: '人员类别', key: 'category', width: 140 },
    { title: '免学', key: 'exempt', width: 64, render: (t) => (t.exempt ? <Tag color="gold">免学</Tag> : null) },
    { title: '状态', key: 'status', width: 72, render: (t) => <TraineeStatusTag trainee={t} /> },
    ...(multiSchool ? [{ title: '所属党校', key: 'schoolId', width: 180, render: (t: RollTrainee) => schoolNames.get(t.schoolId) ?? '' }] : []),
  ], [multiSchool, schoolNames]);

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

  // The export takes the rows shown when it is opened (typing, which it covers, changes nothing
  // in it) and reads their full records when it runs.
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
          records={{ count: exported.length, read: () => fullRecords(exported) }}
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
        total={search?.all.length ?? 0}
        columns={columns}
        query={query}
        onQuery={setQuery}
        placeholder="姓名、拼音首字母、支部、身份证尾号"
        onOpen={open}
        actions={actions}
        filters={filters}
      />
      {dialogs}
    </>
  );
}
