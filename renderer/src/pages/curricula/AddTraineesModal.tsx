import { Alert, App, Button, Input, Modal, Select, Space, Spin, Table, Tabs, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { TRAINEE_CATEGORIES, type TraineeCategory } from '../../../../shared/domain/constants';
import { maskIdNumber } from '../../../../shared/domain/idnumber';
import { filterTrainees } from '../../../../shared/rules/search';
import { desktop } from '../../bridge';
import { schoolsInCharge } from '../../data/registries/common';
import { matchEnrolmentSheet, type EnrolmentSheetMatch } from '../../data/schedule/enrolmentSheet';
import { enrolTrainees, loadTraineeIndex, searchTrainees, type TraineeLite } from '../../data/schedule/enrolments';
import { readSpreadsheet, writeXlsx } from '../../data/spreadsheet';
import { errorText } from '../../components/RegistryFormModal';

const SHOWN = 50;
const SHEET_FILTERS = [{ name: 'Excel 或 CSV 名单', extensions: ['xlsx', 'csv'] }];

type Add = (ids: readonly string[]) => Promise<void>;

const traineeColumns = [
  { title: '姓名', dataIndex: 'name', width: 90 },
  { title: '身份证号', dataIndex: 'idNumber', width: 180, render: (v: string) => (v ? maskIdNumber(v) : '') },
  { title: '所在党支部', dataIndex: 'branch' },
  { title: '人员类别', dataIndex: 'category', width: 150 },
];

function SearchPane({ index, enrolled, add }: { index: TraineeLite[]; enrolled: ReadonlySet<string>; add: Add }) {
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const found = searchTrainees(index, query, SHOWN);
  return (
    <>
      <Input
        autoFocus
        allowClear
        aria-label="查找学员"
        placeholder="姓名、拼音首字母（如 zs）或身份证号后几位"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      <Table<TraineeLite>
        size="small"
        rowKey="id"
        dataSource={found}
        pagination={false}
        scroll={{ y: 300 }}
        locale={{ emptyText: query.trim() ? '没有找到在册学员' : '输入后显示查找结果' }}
        rowSelection={{
          selectedRowKeys: picked,
          onChange: (keys) => setPicked(keys as string[]),
          getCheckboxProps: (t) => ({ disabled: enrolled.has(t.id), 'aria-label': `选择 ${t.name}` }),
        }}
        columns={[...traineeColumns, { title: '', width: 70, render: (_, t) => (enrolled.has(t.id) ? '已报名' : '') }]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          disabled={picked.length === 0}
          onClick={async () => {
            await add(picked);
            setPicked([]);
          }}
        >
          加入所选 {picked.length} 人
        </Button>
        {found.length === SHOWN && <Typography.Text type="secondary">只显示前 {SHOWN} 人，请输入更多字缩小范围</Typography.Text>}
      </Space>
    </>
  );
}

function FilterPane({ index, enrolled, add }: { index: TraineeLite[]; enrolled: ReadonlySet<string>; add: Add }) {
  const schools = useLiveQuery(() => schoolsInCharge(), []);
  const [schoolId, setSchoolId] = useState<string>();
  const [category, setCategory] = useState<TraineeCategory>();
  const [branch, setBranch] = useState<string>();
  const [village, setVillage] = useState<string>();
  const school = schoolId ?? schools?.[0]?.id;
  const inSchool = index.filter((t) => t.schoolId === school && t.status === '在册');
  const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const matched = filterTrainees(inSchool, { query: '', category, branch, village });
  const fresh = matched.filter((t) => !enrolled.has(t.id));
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          aria-label="学员所属党校"
          style={{ width: 200 }}
          value={school}
          onChange={setSchoolId}
          options={schools?.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select allowClear showSearch aria-label="人员类别" placeholder="全部人员类别" style={{ width: 190 }} value={category} onChange={setCategory}
          options={TRAINEE_CATEGORIES.map((c) => ({ value: c, label: c }))} />
        <Select allowClear showSearch aria-label="所在党支部" placeholder="全部党支部" style={{ width: 220 }} value={branch} onChange={setBranch}
          options={distinct(inSchool.map((t) => t.branch)).map((b) => ({ value: b, label: b }))} />
        <Select allowClear showSearch aria-label="村(社区)" placeholder="全部村(社区)" style={{ width: 160 }} value={village} onChange={setVillage}
          options={distinct(inSchool.map((t) => t.village)).map((v) => ({ value: v, label: v }))} />
      </Space>
      <Table<TraineeLite>
        size="small"
        rowKey="id"
        dataSource={matched}
        pagination={{ pageSize: 10, showSizeChanger: false, size: 'small' }}
        columns={[...traineeColumns, { title: '', width: 70, render: (_, t) => (enrolled.has(t.id) ? '已报名' : '') }]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" disabled={fresh.length === 0} onClick={() => void add(fresh.map((t) => t.id))}>
          全部加入（{fresh.length} 人）
        </Button>
        <Typography.Text type="secondary" data-testid="filter-count">
          符合条件 {matched.length} 人，其中 {matched.length - fresh.length} 人已报名
        </Typography.Text>
      </Space>
    </>
  );
}

function ExcelPane({ index, enrolled, add }: { index: TraineeLite[]; enrolled: ReadonlySet<string>; add: Add }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<string | null>(null);
  const [result, setResult] = useState<EnrolmentSheetMatch | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pick = async () => {
    setError(null);
    const opened = await desktop.openFile({ filters: SHEET_FILTERS });
    if (!opened.ok) return setError(opened.error);
    if (!opened.value) return;
    const rows = await readSpreadsheet(opened.value.data, opened.value.name);
    const matched = rows.ok ? matchEnrolmentSheet(rows.value, index, enrolled) : rows;
    setFile(opened.value.name);
    if (!matched.ok) {
      setResult(null);
      return setError(`${opened.value.name}：${matched.error}`);
    }
    setResult(matched.value);
  };

  const template = async () => {
    const data = await writeXlsx({
      title: '培训班报名名单',
      columns: [{ header: '姓名' }, { header: '身份证号', width: 24 }, { header: '所在党支部', width: 32 }],
      rows: [],
    });
    const saved = await desktop.saveFile({ suggestedName: '培训班报名名单模板.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }], data });
    if (!saved.ok) void message.error(saved.error);
  };

  return (
    <>
      <Typography.Paragraph type="secondary">
        名单须有“姓名”或“身份证号”列（可再加“所在党支部”列区分同名学员）。有身份证号时按身份证号匹配，否则按姓名和党支部匹配。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => void pick()}>选择名单文件…</Button>
        <Button onClick={() => void template()}>下载名单模板</Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {result && (
        <div data-testid="excel-result">
          <Alert
            type={result.unmatched.length ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={`${file}：可加入 ${result.matched.length} 人，已在班中 ${result.already.length} 人，未能匹配 ${result.unmatched.length} 行`}
          />
          {result.unmatched.length > 0 && (
            <Table
              size="small"
              rowKey="row"
              style={{ marginBottom: 12 }}
              dataSource={result.unmatched}
              pagination={{ pageSize: 5, size: 'small', showSizeChanger: false }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 60 },
                { title: '内容', dataIndex: 'text', width: 260 },
                { title: '未匹配原因', dataIndex: 'reason' },
              ]}
            />
          )}
          <Button
            type="primary"
            disabled={result.matched.length === 0}
            onClick={async () => {
              await add(result.matched.map((m) => m.trainee.id));
              setResult(null);
              setFile(null);
            }}
          >
            加入 {result.matched.length} 人
          </Button>
        </div>
      )}
    </>
  );
}

/** 添加学员: by search, by criteria (e.g. every 村(社区)党组织书记 of the school), or from an Excel list. */
export function AddTraineesModal({ classId, enrolled, onClose }: { classId: string; enrolled: ReadonlySet<string>; onClose: () => void }) {
  const { message } = App.useApp();
  const index = useLiveQuery(loadTraineeIndex, []);
  const add: Add = async (ids) => {
    try {
      const { added, already } = await enrolTrainees(classId, ids);
      void message.success(`已加入 ${added} 人${already ? `（${already} 人原已报名）` : ''}`);
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const pane = (P: typeof SearchPane) => (index ? <P index={index} enrolled={enrolled} add={add} /> : <Spin />);
  return (
    <Modal open title="添加学员" onCancel={onClose} width={900} destroyOnHidden footer={<Button onClick={onClose}>完成</Button>}>
      <Tabs
        items={[
          { key: 'search', label: '查找添加', children: pane(SearchPane) },
          { key: 'filter', label: '按条件添加', children: pane(FilterPane) },
          { key: 'excel', label: '从 Excel 名单导入', children: pane(ExcelPane) },
        ]}
      />
    </Modal>
  );
}
