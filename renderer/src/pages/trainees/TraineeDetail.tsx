import { App, Button, Card, Descriptions, Popconfirm, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useParams } from 'react-router';
import { RegistryDetail, useRecordAction } from '../../components/RegistryDetail';
import { useDistinct, useLiveRecord, useSchoolNames, useSchoolsInCharge } from '../../components/RegistryHooks';
import { RegistrySensitiveText } from '../../components/RegistrySensitive';
import { TraineeLedger } from '../../components/TraineeLedger';
import { rollTrainees } from '../../data/caches';
import { db } from '../../data/instance';
import { setTraineeStatus, traineeHistory } from '../../data/registries/trainees';
import { TraineeForm } from './TraineeForm';
import { TraineeStatusTag } from './TraineeStatusTag';
import { TransferDialog } from './TransferDialog';

/** One trainee: the record, where they moved to, their classes and hours per year. */
export function TraineeDetail() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const act = useRecordAction();
  const live = useLiveRecord('trainees', id);
  const history = useLiveQuery(async () => (live ? traineeHistory(live) : undefined), [live]);
  const schools = useSchoolsInCharge();
  const schoolNames = useSchoolNames();
  const [dialog, setDialog] = useState<'edit' | 'transfer' | null>(null);
  // Suggestions for the edit form: the branches and villages of the trainee's school, from its
  // roll (one document), read only while editing.
  const schoolId = live?.schoolId;
  const roll = useLiveQuery(async () => (dialog === 'edit' && schoolId ? rollTrainees(db(), [schoolId]) : undefined), [dialog, schoolId]);
  const branches = useDistinct(roll, 'branch');
  const villages = useDistinct(roll, 'village');
  const [year, setYear] = useState(dayjs().year());
  const ledgerYears = [...new Set([dayjs().year(), ...(history?.years ?? [])])].sort((a, b) => b - a);

  const subject = live ? ({ table: 'trainees', record: live } as const) : null;
  const change = (status: '在册' | '退出') =>
    act(() => setTraineeStatus(id, status), status === '退出' ? '已设为退出，学员的历史记录仍保留' : '已恢复在册');

  return (
    <RegistryDetail
      backTo="/trainees"
      backLabel="学员"
      record={live}
      onEdit={() => setDialog('edit')}
      tags={live && (
        <>
          <TraineeStatusTag trainee={live} />
          <Tag>{live.category}</Tag>
          {live.exempt && <Tag color="gold">免学</Tag>}
        </>
      )}
      actions={live && (
        <>
          {live.status === '在册' ? (
            <>
              <Button onClick={() => setDialog('transfer')}>转出…</Button>
              <Popconfirm
                title="将该学员设为“退出”？"
                description="退出后不再计入在册学员，考勤和学时记录仍保留，可随时恢复在册。"
                okText="退出"
                cancelText="取消"
                onConfirm={() => change('退出')}
              >
                <Button danger>退出</Button>
              </Popconfirm>
            </>
          ) : (
            <Button onClick={() => change('在册')}>恢复在册</Button>
          )}
        </>
      )}
    >
      {live && subject && (
        <>
          <Card size="small" title="基本信息">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { label: '姓名', children: live.name },
                { label: '性别', children: live.gender ?? '—' },
                { label: '身份证号', children: <RegistrySensitiveText field="idNumber" value={live.idNumber} subject={subject} /> },
                { label: '出生日期', children: live.birthDate ?? '—' },
                { label: '联系电话', children: <RegistrySensitiveText field="phone" value={live.phone} subject={subject} /> },
                { label: '人员类别', children: live.category },
                { label: '所在党支部', children: live.branch || '—' },
                { label: '村(社区)/单位', children: live.village || '—' },
                { label: '所属党校', children: schoolNames.get(live.schoolId) ?? '—' },
                { label: '免学', children: live.exempt ? '是（不作学时要求）' : '否' },
                {
                  label: '状态',
                  children: live.transfer
                    ? `转出（${live.transfer.date} 转至 ${history?.transferSchool ?? '…'}）`
                    : live.status,
                },
                { label: '最后修改', children: dayjs(live.updatedAt).format('YYYY-MM-DD HH:mm') },
                { label: '备注', children: live.notes || '—', span: 'filled' },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={`${year} 年学时台账`}
            extra={
              <Select
                size="small"
                aria-label="台账年度"
                value={year}
                onChange={setYear}
                options={ledgerYears.map((y) => ({ value: y, label: `${y} 年` }))}
              />
            }
          >
            <TraineeLedger traineeId={live.id} year={year} />
          </Card>
          <Card size="small" title="参加的培训班">
            <Table
              size="small"
              rowKey="id"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              loading={!history}
              dataSource={history?.classes}
              locale={{ emptyText: '还没有参加培训班' }}
              columns={[
                { title: '培训班', dataIndex: 'title' },
                { title: '年度', dataIndex: 'year', width: 90 },
                { title: '起止日期', key: 'dates', width: 220, render: (_, c) => `${c.startDate} 至 ${c.endDate}` },
              ]}
            />
          </Card>
          <TraineeForm
            open={dialog === 'edit'}
            trainee={live}
            schools={schools}
            branches={branches}
            villages={villages}
            onClose={() => setDialog(null)}
            onSaved={() => void message.success('已保存')}
          />
          <TransferDialog trainee={live} open={dialog === 'transfer'} onClose={() => setDialog(null)} />
        </>
      )}
    </RegistryDetail>
  );
}
