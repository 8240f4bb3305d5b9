import { ArrowLeftOutlined, CheckOutlined, LockOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Badge, Button, Descriptions, Empty, Skeleton, Space, Tabs, Tooltip, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ATTENDANCE_STATUSES } from '../../../../shared/domain/constants';
import { countMarks } from '../../../../shared/rules/markCounts';
import { creditedHours } from '../../../../shared/rules/hours';
import { accountCan, useCurrentAccount } from '../../data/auth/permissions';
import { clearMark, closeSession, markAllPresent, saveMark, type MarkInput } from '../../data/attendance/marks';
import { classLeaveFlags, sessionHeader, sessionRoster, type RosterMember } from '../../data/attendance/roster';
import { db } from '../../data/instance';
import { useSetting } from '../../data/settings';
import { CorrectionModal, type CorrectionRequest } from './CorrectionModal';
import { CorrectionsList } from './CorrectionsList';
import { EvaluationsTab } from './EvaluationsTab';
import { errorText, longDate, SessionStateTag } from './format';
import { Roster } from './Roster';
import { WalkInModal } from './WalkInModal';

/** One session: its roster to mark, closing, corrections, and the evaluation forms. */
export function SessionPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const rules = useSetting('hourRules');
  const header = useLiveQuery(() => sessionHeader(id), [id]);
  const attendance = useLiveQuery(async () => (await db().attendance.get(id)) ?? null, [id]);
  const classId = header?.session.classId;
  const walkIns = attendance?.walkIns ?? [];
  const walkInKey = walkIns.join();
  const members = useLiveQuery(
    () => (classId ? sessionRoster(classId, walkInKey ? walkInKey.split(',') : []) : []),
    [classId, walkInKey],
  );
  const leave = useLiveQuery(() => (classId ? classLeaveFlags(classId) : new Map()), [classId]);
  const [correction, setCorrection] = useState<CorrectionRequest | null>(null);
  const [addingWalkIn, setAddingWalkIn] = useState(false);
  const [tab, setTab] = useState('roster');

  const session = header?.session;
  const closed = !!session?.closed;
  // Only the session's own instructors and the office mark it; corrections after closing are the office's.
  // While the account is still being read the page stays as it was; the data layer refuses what is not allowed anyway.
  const account = useCurrentAccount();
  const mayChange =
    account === undefined ||
    accountCan(account, closed ? 'attendance.correct' : 'attendance.mark', { sessionInstructorIds: session?.instructorIds ?? [] });
  const marks = useMemo(() => attendance?.marks ?? {}, [attendance]);
  const overLimit = useMemo(() => new Set([...(leave ?? new Map())].filter(([, v]) => v.overLimit).map(([k]) => k)), [leave]);

  const onMark = useCallback(
    async (member: RosterMember, mark: MarkInput | null): Promise<boolean> => {
      if (closed) {
        return new Promise<boolean>((resolve) => setCorrection({ member, before: marks[member.id] ?? null, after: mark, resolve }));
      }
      try {
        await (mark ? saveMark(id, member.id, mark) : clearMark(id, member.id));
        return true;
      } catch (e) {
        void message.error(errorText(e));
        return false;
      }
    },
    [closed, id, marks, message],
  );

  const markAll = useCallback(async () => {
    if (!members || closed || !mayChange) return;
    try {
      const n = await markAllPresent(id, members.map((m) => m.id));
      void message.success(n > 0 ? `已将 ${n} 名未点名学员标记为出勤` : '名单中的学员都已点名');
    } catch (e) {
      void message.error(errorText(e));
    }
  }, [members, closed, mayChange, id, message]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && (e.key === 'a' || e.key === 'A' || e.code === 'KeyA')) {
        e.preventDefault();
        void markAll();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [markAll]);

  if (header === undefined || attendance === undefined) return <div className="dx-page"><Skeleton active /></div>;
  if (header === null) {
    return (
      <div className="dx-page">
        <Empty description="找不到该课次，可能已被删除。">
          <Button onClick={() => navigate('/attendance')}>返回考勤</Button>
        </Empty>
      </div>
    );
  }
  const { row } = header;
  const s = header.session;
  const counts = countMarks(Object.values(marks));
  const unmarked = members?.filter((m) => !marks[m.id]).length ?? 0;

  const close = () =>
    modal.confirm({
      title: '关闭本课次考勤？',
      content: unmarked > 0
        ? `还有 ${unmarked} 人未点名。关闭后，考勤的任何修改都需要填写更正原因并留下记录。`
        : '关闭后，考勤的任何修改都需要填写更正原因并留下记录。',
      okText: '关闭考勤',
      cancelText: '取消',
      onOk: async () => {
        try {
          await closeSession(id);
          void message.success('已关闭本课次考勤');
        } catch (e) {
          void message.error(errorText(e));
        }
      },
    });

  return (
    <div className="dx-page">
      <Space style={{ marginBottom: 8 }}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }} onClick={() => navigate(`/attendance?date=${s.date}`)}>
          返回 {longDate(s.date)} 的课次
        </Button>
      </Space>
      <h1 className="dx-page-title">
        {row.course} <SessionStateTag session={s} />
      </h1>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="培训班">{row.className}</Descriptions.Item>
        <Descriptions.Item label="时间">{longDate(s.date)} {s.start}–{s.end}</Descriptions.Item>
        <Descriptions.Item label="学时">
          {s.minutes} 分钟{rules ? `，全勤计 ${creditedHours('出勤', s.minutes, 0, rules)} 学时` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="教员">{row.instructors}</Descriptions.Item>
        <Descriptions.Item label="教学点">{row.site}</Descriptions.Item>
        <Descriptions.Item label="点名情况">
          <span data-testid="mark-summary">
            应到 {members?.length ?? 0} 人，已点名 {counts.marked} 人
            {ATTENDANCE_STATUSES.filter((st) => counts.counts[st] > 0).map((st) => `，${st} ${counts.counts[st]}`).join('')}
            {unmarked > 0 ? `，未点名 ${unmarked}` : ''}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {s.status === 'cancelled' ? (
        <Typography.Paragraph type="secondary">该课次已取消{s.cancelReason ? `（${s.cancelReason}）` : ''}，无需点名。</Typography.Paragraph>
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          tabBarExtraContent={tab === 'roster' && mayChange && (
            <Space wrap>
              <Tooltip title={closed ? '考勤已关闭，请逐人更正' : '快捷键 Alt+A；只标记尚未点名的学员'}>
                <Button icon={<CheckOutlined />} disabled={closed} onClick={() => void markAll()}>全部出勤</Button>
              </Tooltip>
              <Button icon={<UserAddOutlined />} onClick={() => setAddingWalkIn(true)}>添加插班学员</Button>
              {!closed && <Button type="primary" icon={<LockOutlined />} onClick={close}>关闭考勤</Button>}
            </Space>
          )}
          items={[
            {
              key: 'roster',
              label: '点名',
              children: (
                <>
                  {closed && mayChange && (
                    <Typography.Paragraph type="warning">考勤已关闭：修改任何学员的考勤都需要填写更正原因，并记入更正记录。</Typography.Paragraph>
                  )}
                  {!mayChange && (
                    <Typography.Paragraph type="secondary" data-testid="roster-read-only">
                      {account?.role !== '教员'
                        ? '当前账户只能查看点名情况。'
                        : closed
                          ? '考勤已关闭，教员不能再修改；如需更正，请联系教务。'
                          : '您不是本课次的授课教员，只能查看点名情况。'}
                    </Typography.Paragraph>
                  )}
                  {!members ? <Skeleton active /> : members.length === 0 ? (
                    <Empty description="该培训班还没有报名学员。可在“课表”中为培训班添加学员，或添加插班学员。" />
                  ) : (
                    <Roster members={members} marks={marks} overLimit={overLimit} onMark={onMark} closed={closed} readOnly={!mayChange} />
                  )}
                </>
              ),
            },
            { key: 'evaluations', label: '学员评课', children: <EvaluationsTab session={s} /> },
            {
              key: 'corrections',
              label: <Badge count={attendance?.corrections.length ?? 0} size="small" offset={[8, -2]} color="#8c8c8c">更正记录</Badge>,
              children: <CorrectionsList corrections={attendance?.corrections ?? []} />,
            },
          ]}
        />
      )}
      {correction && (
        <CorrectionModal sessionId={id} minutes={s.minutes} request={correction} onDone={() => setCorrection(null)} />
      )}
      {addingWalkIn && (
        <WalkInModal session={s} closed={closed} onClose={() => setAddingWalkIn(false)} />
      )}
    </div>
  );
}
