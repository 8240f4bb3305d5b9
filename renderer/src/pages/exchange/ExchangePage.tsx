import { Badge, Tabs, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useOpenConflicts } from '../../data/exchange/conflicts';
import { useMode } from '../../data/exchange/state';
import { ConflictsTab } from './ConflictsTab';
import { ExchangeSettingsTab } from './ExchangeSettingsTab';
import { ExportTab } from './ExportTab';
import { ImportTab } from './ImportTab';
import { LedgerTab } from './LedgerTab';
import { PeopleTab } from './PeopleTab';

const TABS = ['export', 'import', 'ledger', 'conflicts', 'people', 'settings'] as const;
type TabKey = (typeof TABS)[number];

/** 数据交换: packages up to the county and back, the ledger of every package, conflicts and people across schools. */
export default function ExchangePage() {
  const navigate = useNavigate();
  const mode = useMode();
  const open = useOpenConflicts();
  const param = useParams()['*'];
  const county = mode === 'county';
  const tab: TabKey = TABS.includes(param as TabKey) ? (param as TabKey) : county ? 'import' : 'export';
  return (
    <div className="dx-page">
      <h1 className="dx-page-title">数据交换</h1>
      <Typography.Paragraph type="secondary">
        {county
          ? '本机为市（县）委党校汇总机：导入各校的数据包，把回执交回学校。'
          : '各校的数据以数据包文件（.dxpkg）通过U盘或内部邮件交给市委党校，取回回执（.dxack）后导入。'}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`/exchange/${key}`)}
        items={[
          { key: 'export', label: '上报数据', children: <ExportTab /> },
          { key: 'import', label: '导入数据', children: <ImportTab /> },
          { key: 'ledger', label: '数据包台账', children: <LedgerTab /> },
          {
            key: 'conflicts',
            label: (
              <Badge count={open?.length ?? 0} size="small" offset={[8, -2]}>
                冲突处理
              </Badge>
            ),
            children: <ConflictsTab />,
          },
          { key: 'people', label: '跨校人员', children: <PeopleTab /> },
          { key: 'settings', label: '交换设置', children: <ExchangeSettingsTab /> },
        ]}
      />
    </div>
  );
}
