import { App, Button, Card, Empty, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { maskIdNumber, maskPhone } from '../../../../shared/domain/idnumber';
import { TABLE_LABELS } from '../../../../shared/domain/records';
import { conflictFields, resolveConflict, useOpenConflicts } from '../../data/exchange/conflicts';
import type { ConflictEntry, StoredVersion } from '../../data/exchange/tables';
import { schoolNames } from '../../data/reports/scope';
import { describeRecord, selfSchoolId } from '../../data/write';

/** Field names a clerk reads; a field not listed shows its own name. */
const FIELD_LABELS: Record<string, string> = {
  name: '名称/姓名', title: '标题', gender: '性别', idNumber: '身份证号', birthDate: '出生日期', phone: '电话', branch: '所在党支部',
  village: '村（社区）/单位', category: '类别', exempt: '免学', status: '状态', notes: '备注', deletedAt: '删除', capacity: '容纳人数',
  address: '地址', town: '镇街', unit: '单位', post: '职务', date: '日期', start: '开始', end: '结束', minutes: '分钟', hours: '学时', source: '来源',
};

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (field === 'deletedAt') return `已删除（${dayjs(value as number).format('YYYY-MM-DD HH:mm')}）`;
  if (field === 'idNumber') return maskIdNumber(String(value));
  if (field === 'phone' || field === 'guidePhone') return maskPhone(String(value));
  if (typeof value === 'boolean') return value ? '是' : '否';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** 冲突处理: two installations other than the owner changed the same record differently; a person chooses. */
export function ConflictsTab() {
  const { message } = App.useApp();
  const open = useOpenConflicts();
  const names = useLiveQuery(schoolNames);
  const self = useLiveQuery(() => selfSchoolId());
  if (!open || !names) return null;
  if (open.length === 0) return <Empty description="没有待处理的冲突。两处都修改了同一条他校记录、且改得不同时，会列在这里。" />;
  const writer = (v: StoredVersion) => `${v.by === self ? '本机修改' : (names.get(v.by) ?? '其他党校')}，${dayjs(v.record.updatedAt).format('YYYY-MM-DD HH:mm')}`;
  const resolve = async (c: ConflictEntry, choice: 'current' | 'other') => {
    try {
      await resolveConflict(c.id, choice);
      void message.success(choice === 'current' ? '已保留当前版本' : '已采用另一版本');
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 980 }}>
      <Typography.Text type="secondary">共 {open.length} 条待处理。当前版本已按规则暂时保留；选择“采用另一版本”会把它作为本机的新修改保存，并随下次数据包传出。</Typography.Text>
      {open.map((c) => (
        <Card
          key={c.id}
          size="small"
          title={`${describeRecord(c.table, c.current.record)}（所属：${names.get(c.current.record.schoolId) ?? '其他党校'}）`}
          extra={<Typography.Text type="secondary">导入「{c.sourceName}」的数据包时发现 · {dayjs(c.detectedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>}
        >
          <Table
            size="small"
            pagination={false}
            rowKey="field"
            dataSource={conflictFields(c)}
            columns={[
              { title: TABLE_LABELS[c.table], dataIndex: 'field', width: 140, render: (f: string) => FIELD_LABELS[f] ?? f },
              { title: `当前版本（${writer(c.current)}）`, dataIndex: 'current', render: (v: unknown, r) => show(r.field, v) },
              { title: `另一版本（${writer(c.other)}）`, dataIndex: 'other', render: (v: unknown, r) => show(r.field, v) },
            ]}
          />
          <Space style={{ marginTop: 8 }}>
            <Button onClick={() => void resolve(c, 'current')}>保留当前版本</Button>
            <Button type="primary" onClick={() => void resolve(c, 'other')}>采用另一版本</Button>
          </Space>
        </Card>
      ))}
    </Space>
  );
}
