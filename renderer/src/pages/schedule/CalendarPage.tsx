import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Segmented, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Session } from '../../../../shared/domain/records';
import { shiftDate } from '../../../../shared/rules/schedule';
import { useScheduleRefs } from '../../data/schedule/refs';
import { sessionsInRange, type SessionFilter } from '../../data/schedule/sessions';
import { CopyWeekModal } from './CopyWeekModal';
import { FilterSelect } from './FilterSelect';
import { calendarDays, type CalendarView } from './format';
import { MonthView } from './MonthView';
import { PrintButtons } from './PrintButtons';
import { SessionEditor, type EditorTarget } from './SessionEditor';
import { WeekView } from './WeekView';
import { useSessionActions } from './useSessionActions';
import './calendar.css';
import './schedule.css';

const cn = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** 课表: week and month calendars of every session, filtered by class, instructor and site, printable. */
export default function CalendarPage() {
  const refs = useScheduleRefs();
  const [params, setParams] = useSearchParams();
  const today = dayjs().format('YYYY-MM-DD');
  const view: CalendarView = params.get('view') === 'month' ? 'month' : 'week';
  const anchor = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : today;
  const filter: SessionFilter = {
    classId: params.get('class') ?? undefined,
    instructorId: params.get('instructor') ?? undefined,
    siteId: params.get('site') ?? undefined,
    includeCancelled: params.get('cancelled') === '1',
  };
  const days = calendarDays(view, anchor);
  const from = days[0]!;
  const to = days[days.length - 1]!;
  const sessions = useLiveQuery(() => sessionsInRange(from, to, filter), [from, to, JSON.stringify(filter)]);
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const [copying, setCopying] = useState(false);
  const actions = useSessionActions();

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const step = (direction: number) =>
    set({ date: view === 'week' ? shiftDate(anchor, 7 * direction) : dayjs(anchor).add(direction, 'month').format('YYYY-MM-DD') });

  const title = view === 'week' ? `${from.slice(0, 4)}年${cn(from)} – ${cn(to)}` : `${anchor.slice(0, 4)}年${Number(anchor.slice(5, 7))}月`;
  const filterText = [
    filter.classId && refs?.klass.get(filter.classId)?.title,
    filter.instructorId && `教员 ${refs?.instructor.get(filter.instructorId)?.name ?? ''}`,
    filter.siteId && refs?.site.get(filter.siteId)?.name,
  ].filter(Boolean).join(' · ');
  const create = (preset: EditorTarget) => setEditing(preset);
  const open = (s: Session) => setEditing({ session: s });

  return (
    <div className="dx-page dxs-calendar-page">
      <h1 className="dx-page-title dx-no-print">课表</h1>
      <div className="dxs-toolbar dx-no-print">
        <Segmented<CalendarView>
          value={view}
          onChange={(v) => set({ view: v })}
          options={[{ label: '周', value: 'week' }, { label: '月', value: 'month' }]}
        />
        <Space.Compact>
          <Button icon={<LeftOutlined />} aria-label={view === 'week' ? '上一周' : '上个月'} onClick={() => step(-1)} />
          <Button onClick={() => set({ date: undefined })}>今天</Button>
          <Button icon={<RightOutlined />} aria-label={view === 'week' ? '下一周' : '下个月'} onClick={() => step(1)} />
        </Space.Compact>
        <DatePicker
          picker={view}
          allowClear={false}
          aria-label="跳转到"
          value={dayjs(anchor)}
          onChange={(d) => d && set({ date: d.format('YYYY-MM-DD') })}
        />
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="calendar-title">{title}</Typography.Text>
        <span style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => create({ preset: { date: days.includes(today) ? today : view === 'week' ? from : anchor, classId: filter.classId } })}>
          新建课次
        </Button>
        {view === 'week' && <Button onClick={() => setCopying(true)}>复制本周…</Button>}
        <PrintButtons name={`课表 ${title}${filterText ? ` ${filterText}` : ''}`} landscape />
      </div>
      <div className="dxs-toolbar dx-no-print">
        <FilterSelect
          label="按培训班筛选"
          placeholder="全部培训班"
          width={280}
          value={filter.classId}
          onChange={(v) => set({ class: v })}
          options={refs?.classes.map((c) => ({ value: c.id, label: c.title }))}
        />
        <FilterSelect
          label="按教员筛选"
          placeholder="全部教员"
          width={180}
          value={filter.instructorId}
          onChange={(v) => set({ instructor: v })}
          options={refs?.instructors.map((i) => ({ value: i.id, label: i.name }))}
        />
        <FilterSelect
          label="按教学点筛选"
          placeholder="全部教学点"
          width={240}
          value={filter.siteId}
          onChange={(v) => set({ site: v })}
          options={refs?.sites.map((x) => ({ value: x.id, label: x.name }))}
        />
        <Checkbox checked={filter.includeCancelled} onChange={(e) => set({ cancelled: e.target.checked ? '1' : undefined })}>
          显示已取消
        </Checkbox>
        <Typography.Text type="secondary" data-testid="calendar-count">
          {sessions ? `共 ${sessions.length} 个课次` : ''}
        </Typography.Text>
      </div>
      <div className="dxs-print-only dxs-print-title">
        课表 · {title}
        {filterText && <small>{filterText}</small>}
      </div>
      {!refs || !sessions ? (
        <Skeleton active />
      ) : view === 'week' ? (
        <WeekView
          days={days}
          today={today}
          sessions={sessions}
          refs={refs}
          onOpen={open}
          onCreate={(date, start) => create({ preset: { date, start, classId: filter.classId } })}
          onMove={(s, date, start, end) => void actions.move(s, date, start, end)}
        />
      ) : (
        <MonthView
          month={anchor.slice(0, 7)}
          days={days}
          today={today}
          sessions={sessions}
          refs={refs}
          onOpen={open}
          onCreate={(date) => create({ preset: { date, classId: filter.classId } })}
          onMove={(s, date) => void actions.move(s, date, s.start, s.end)}
          onShowWeek={(date) => set({ view: 'week', date })}
        />
      )}
      {editing && refs && <SessionEditor target={editing} refs={refs} onClose={() => setEditing(null)} />}
      {copying && refs && <CopyWeekModal fromMonday={from} filter={filter} refs={refs} onClose={() => setCopying(false)} />}
      {actions.dialog}
    </div>
  );
}
