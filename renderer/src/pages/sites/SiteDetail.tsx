import { App, Button, Card, Descriptions, Flex, Popconfirm, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Site } from '../../../../shared/domain/records';
import { RegistryDetail, useRecordAction } from '../../components/RegistryDetail';
import { useDistinct, useLiveRecord } from '../../components/RegistryHooks';
import { RegistrySensitiveText } from '../../components/RegistrySensitive';
import { RegistrySessions } from '../../components/RegistrySessions';
import { db } from '../../data/instance';
import { formatOpenPeriods } from '../../data/registries/fieldText';
import { setSiteStatus, siteActivity } from '../../data/registries/sites';
import { SiteForm } from './SiteForm';
import { SiteStatusTag } from './SiteList';

/** One site: the record, the courses offered there and the sessions held there. */
export function SiteDetail() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const act = useRecordAction();
  const live = useLiveRecord('sites', id);
  const activity = useLiveQuery(async () => (live ? siteActivity(live) : undefined), [live]);
  const all = useLiveQuery(() => db().sites.toArray(), []);
  const towns = useDistinct(all, 'town');
  const [editing, setEditing] = useState(false);

  const change = (status: Site['status']) =>
    act(() => setSiteStatus(id, status), status === '停用' ? '已停用，已有课次记录仍保留' : '已重新启用');

  return (
    <RegistryDetail
      backTo="/sites"
      backLabel="教学点"
      record={live}
      onEdit={() => setEditing(true)}
      tags={live && (
        <>
          <SiteStatusTag site={live} />
          <Tag>{live.kind}</Tag>
          {live.demoLevel !== '无' && <Tag color="red">{live.demoLevel}</Tag>}
        </>
      )}
      actions={live && (
        <>
          {live.status === '启用' ? (
            <Popconfirm
              title="停用该教学点？"
              description="停用后不再用于排课，已有课次记录仍保留，可随时重新启用。"
              okText="停用"
              cancelText="取消"
              onConfirm={() => change('停用')}
            >
              <Button danger>停用</Button>
            </Popconfirm>
          ) : (
            <Button onClick={() => change('启用')}>重新启用</Button>
          )}
        </>
      )}
    >
      {live && (
        <>
          <Card size="small" title="基本信息">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { label: '类型', children: live.kind },
                { label: '镇街', children: live.town || '—' },
                { label: '村(社区)', children: live.village || '—' },
                { label: '地址', children: live.address || '—' },
                { label: '容纳人数', children: `${live.capacity} 人` },
                { label: '教学主题', children: live.theme || '—' },
                { label: '示范等级', children: live.demoLevel },
                { label: '讲解员', children: live.guide || '—' },
                { label: '讲解员电话', children: <RegistrySensitiveText field="guidePhone" value={live.guidePhone} subject={{ table: 'sites', record: live }} /> },
                { label: '开放时间', children: formatOpenPeriods(live.openPeriods) || '未规定' },
                { label: '备注', children: live.notes || '—', span: 'filled' },
              ]}
            />
          </Card>
          <Card size="small" title="在此开设的课程">
            {activity?.courses.length ? (
              <Flex wrap gap={4}>{activity.courses.map((c) => <Tag key={c.id}>{c.title}</Tag>)}</Flex>
            ) : (
              '—'
            )}
          </Card>
          <Card size="small" title={`课次${activity ? `（${activity.sessions.length} 次）` : ''}`}>
            <RegistrySessions rows={activity?.sessions} hide="site" />
          </Card>
          <SiteForm open={editing} site={live} towns={towns} onClose={() => setEditing(false)} onSaved={() => void message.success('已保存')} />
        </>
      )}
    </RegistryDetail>
  );
}
