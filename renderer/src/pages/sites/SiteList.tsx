import { Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SITE_KINDS } from '../../../../shared/domain/constants';
import type { Site } from '../../../../shared/domain/records';
import { nameInitials } from '../../../../shared/rules/pinyin';
import { filterSites, type SiteFilter } from '../../../../shared/rules/search';
import { ImportWizard } from '../../components/import/ImportWizard';
import { RegistryExportDialog } from '../../components/RegistryExportDialog';
import { useDistinct, useSchoolsInCharge } from '../../components/RegistryHooks';
import { RegistryActions, RegistryFilter, RegistryList, useAddedMessage, type RegistryDialog } from '../../components/RegistryList';
import type { RegistryColumn } from '../../components/RegistryTable';
import { useRegistryState } from '../../components/RegistryState';
import { db } from '../../data/instance';
import { SiteForm } from './SiteForm';

const FILTER: SiteFilter = { query: '', status: 'all' };
/** "1+X+N": the main campus first, then the training bases, then the field-teaching points. */
const KIND_ORDER = Object.fromEntries(SITE_KINDS.map((k, i) => [k, i]));


export function SiteStatusTag({ site }: { site: Pick<Site, 'status'> }) {
  return <Tag color={site.status === '启用' ? 'green' : undefined}>{site.status}</Tag>;
}

/** 教学点: the school's teaching sites. */
export function SiteList() {
  const navigate = useNavigate();
  const added = useAddedMessage('教学点', '/sites');
  const sites = useLiveQuery(
    async () =>
      (await db().sites.toArray())
        .filter((s) => s.deletedAt === null)
        .sort((a, b) => KIND_ORDER[a.kind]! - KIND_ORDER[b.kind]! || a.name.localeCompare(b.name, 'zh-CN')),
    [],
  );
  const initials = useMemo(() => new Map((sites ?? []).map((s) => [s.id, nameInitials(s.name)])), [sites]);
  const towns = useDistinct(sites, 'town');
  const schools = useSchoolsInCharge();
  const [filter, setFilter] = useRegistryState('sites:filter', FILTER);
  const [dialog, setDialog] = useState<RegistryDialog | null>(null);
  const rows = useMemo(() => sites && filterSites(sites, filter, (s) => initials.get(s.id) ?? ''), [sites, filter, initials]);
  const set = (patch: Partial<SiteFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const columns: RegistryColumn<Site>[] = [
    {
      title: '名称', key: 'name', width: 230, fixed: true,
      render: (s) => <Link title={s.name} to={`/sites/${s.id}`}>{s.name}</Link>,
    },
    { title: '类型', key: 'kind', width: 100 },
    { title: '镇街', key: 'town', width: 100 },
    { title: '村(社区)', key: 'village', width: 100 },
    { title: '教学主题', key: 'theme', width: 200 },
    { title: '容纳人数', key: 'capacity', width: 80, align: 'right' },
    { title: '讲解员', key: 'guide', width: 80 },
    { title: '示范等级', key: 'demoLevel', width: 100, render: (s) => (s.demoLevel === '无' ? '' : <Tag color="red">{s.demoLevel}</Tag>) },
    { title: '状态', key: 'status', width: 70, render: (s) => <SiteStatusTag site={s} /> },
  ];

  return (
    <>
      <RegistryList
        title="教学点"
        stateKey="sites"
        unit="个"
        rows={rows}
        total={sites?.length ?? 0}
        columns={columns}
        query={filter.query}
        onQuery={(query) => set({ query })}
        placeholder="名称、拼音首字母、镇街、村或主题"
        onOpen={(s) => navigate(`/sites/${s.id}`)}
        actions={<RegistryActions noun="教学点" open={setDialog} canExport={!!rows?.length} />}
        filters={
          <>
            <RegistryFilter label="类型" width={120} filter={filter} field="kind" set={set} options={SITE_KINDS} />
            <RegistryFilter label="镇街" width={130} filter={filter} field="town" set={set} options={towns} search />
            <RegistryFilter label="状态" width={100} filter={filter} field="status" set={set} required options={['启用', '停用', { value: 'all', label: '全部状态' }]} />
          </>
        }
      />
      <SiteForm
        open={dialog === 'create'}
        towns={towns}
        onClose={() => setDialog(null)}
        onSaved={added}
      />
      <ImportWizard entity="site" open={dialog === 'import'} onClose={() => setDialog(null)} schools={schools} />
      <RegistryExportDialog entity="site" open={dialog === 'export'} onClose={() => setDialog(null)} records={rows ?? []} sensitive="讲解员电话" />
    </>
  );
}
