import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Skeleton } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate, useParams } from 'react-router';
import { minutesToHours } from '../../../../shared/rules/hours';
import { weekdayOf } from '../../../../shared/rules/schedule';
import { signInSheet } from '../../data/schedule/signIn';
import { useSetting } from '../../data/settings';
import { WEEKDAY_LABELS } from './format';
import { PrintButtons } from './PrintButtons';
import './schedule.css';
import './signIn.css';

/** 签到表 of a session: A4 portrait, one row per enrolled trainee; the header row repeats on every page. */
export default function SignInSheet() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const rules = useSetting('hourRules');
  const sheet = useLiveQuery(() => signInSheet(id), [id]);
  if (sheet === undefined || !rules) return <Skeleton active style={{ padding: 24 }} />;
  if (sheet === null) {
    return <Result status="404" title="找不到该课次" subTitle="它可能已被删除。" extra={<Button onClick={() => navigate('/schedule')}>返回课表</Button>} />;
  }
  const { session: s, klass, course, site, instructors, roster } = sheet;
  const date = `${s.date.slice(0, 4)}年${Number(s.date.slice(5, 7))}月${Number(s.date.slice(8, 10))}日 ${WEEKDAY_LABELS[weekdayOf(s.date) - 1]}`;
  const title = klass?.title ?? '培训班';
  return (
    <div className="dx-page">
      <div className="dx-no-print" style={{ display: 'flex', gap: 8, marginBottom: 16, flexWrap: 'wrap' }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>返回</Button>
        <span style={{ flex: 1 }} />
        <PrintButtons name={`签到表 ${title} ${s.date}`} landscape={false} />
      </div>
      {s.status === 'cancelled' && (
        <Alert className="dx-no-print" type="warning" showIcon style={{ marginBottom: 12 }} title={`本课次已取消：${s.cancelReason}`} />
      )}
      <div className="dxs-sheet" data-testid="sign-in-sheet">
        <div className="dxs-sheet-class">{title}</div>
        <h1 className="dxs-sheet-title">签 到 表</h1>
        <dl className="dxs-sheet-info">
          <div><dt>课程</dt><dd>{course?.title ?? '（已删除）'}</dd></div>
          <div><dt>教员</dt><dd>{instructors.map((i) => i.name).join('、')}</dd></div>
          <div><dt>教学点</dt><dd>{site?.name ?? '（已删除）'}</dd></div>
          <div><dt>日期</dt><dd>{date}</dd></div>
          <div><dt>时间</dt><dd>{s.start}–{s.end}（{minutesToHours(s.minutes, rules)} 学时）</dd></div>
          <div><dt>应到</dt><dd>{roster.length} 人</dd></div>
        </dl>
        <table className="dxs-sheet-table">
          <thead>
            <tr>
              <th style={{ width: '10%' }}>序号</th>
              <th style={{ width: '18%' }}>姓名</th>
              <th style={{ width: '40%' }}>所在党支部</th>
              <th>签到（签名）</th>
            </tr>
          </thead>
          <tbody>
            {roster.map((t, i) => (
              <tr key={t.id}>
                <td>{i + 1}</td>
                <td>{t.name}</td>
                <td>{t.branch}</td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
        {roster.length === 0 && <p className="dxs-sheet-empty">该培训班还没有报名学员。</p>}
        <div className="dxs-sheet-foot">
          <span>实到：______ 人</span>
          <span>请假：______ 人</span>
          <span>教员签字：____________</span>
          <span>记录人：____________</span>
        </div>
      </div>
    </div>
  );
}
