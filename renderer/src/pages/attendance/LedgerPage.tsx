import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Descriptions, Select, Skeleton, Space } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { maskIdNumber } from '../../../../shared/domain/idnumber';
import { TraineeLedger } from '../../components/TraineeLedger';
import { yearsWithHours } from '../../data/caches';
import { db } from '../../data/instance';

/** A trainee's ledger, opened from a roster: the same view as on the trainee's page. */
export function LedgerPage() {
  const { traineeId = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year')) || thisYear;
  const trainee = useLiveQuery(async () => (await db().trainees.get(traineeId)) ?? null, [traineeId]);
  const years = useLiveQuery(async () => {
    const recorded = trainee ? await yearsWithHours(db(), trainee) : [];
    return [...new Set([thisYear, year, ...recorded])].sort((a, b) => b - a);
  }, [trainee, thisYear, year]);
  if (trainee === undefined || (trainee && trainee.id !== traineeId)) return <div className="dx-page"><Skeleton active /></div>;
  return (
    <div className="dx-page">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }} onClick={() => navigate(-1)}>返回</Button>
      <Space align="baseline" wrap style={{ marginBottom: 8 }}>
        <h1 className="dx-page-title">{trainee?.name ?? '学员'} · 学时台账</h1>
        <Select
          aria-label="年度"
          value={year}
          style={{ width: 110 }}
          onChange={(y) => setParams(y === thisYear ? {} : { year: String(y) }, { replace: true })}
          options={(years ?? [year]).map((y) => ({ value: y, label: `${y} 年` }))}
        />
      </Space>
      {trainee && (
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="人员类别">{trainee.category}{trainee.exempt ? '（免学）' : ''}</Descriptions.Item>
          <Descriptions.Item label="所在党支部">{trainee.branch || '—'}</Descriptions.Item>
          <Descriptions.Item label="村(社区)/单位">{trainee.village || '—'}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{trainee.idNumber ? maskIdNumber(trainee.idNumber) : '—'}</Descriptions.Item>
        </Descriptions>
      )}
      <TraineeLedger traineeId={traineeId} year={year} />
    </div>
  );
}
