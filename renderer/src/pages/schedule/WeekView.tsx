import type { DragEvent } from 'react';
import { useRef } from 'react';
import type { Session } from '../../../../shared/domain/records';
import { minutesBetween } from '../../../../shared/rules/hours';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { classColour, classTitle, courseTitle, dayLabel, instructorNames, siteName } from './format';
import { sessionItemProps } from './sessionItem';

const SNAP = 15;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutesOf = (t: string) => minutesBetween('00:00', t);

/** Side-by-side lanes for sessions that overlap in time, so none hides another. */
function layoutDay(sessions: readonly Session[]): Map<string, { lane: number; lanes: number }> {
  const placed = new Map<string, { lane: number; lanes: number }>();
  let cluster: { id: string; lane: number }[] = [];
  let laneEnds: string[] = [];
  let clusterEnd = '';
  const close = () => {
    for (const c of cluster) placed.set(c.id, { lane: c.lane, lanes: laneEnds.length });
    cluster = [];
    laneEnds = [];
  };
  for (const s of [...sessions].sort((a, b) => a.start.localeCompare(b.start) || b.end.localeCompare(a.end))) {
    if (cluster.length && s.start >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= s.start);
    if (lane === -1) lane = laneEnds.push(s.end) - 1;
    else laneEnds[lane] = s.end;
    cluster.push({ id: s.id, lane });
    clusterEnd = cluster.length === 1 || s.end > clusterEnd ? s.end : clusterEnd;
  }
  close();
  return placed;
}

export interface WeekViewProps {
  days: readonly string[];
  today: string;
  sessions: readonly Session[];
  refs: ScheduleRefs;
  onOpen: (s: Session) => void;
  onCreate: (date: string, start: string) => void;
  onMove: (s: Session, date: string, start: string, end: string) => void;
}

/**
 * 周课表: a column per day, sessions placed by their times. A session can be dragged to
 * another day and time (snapped to 15 minutes); a click on free time starts a new session there.
 */
export function WeekView({ days, today, sessions, refs, onOpen, onCreate, onMove }: WeekViewProps) {
  const grab = useRef<{ id: string; offsetY: number } | null>(null);
  const firstHour = Math.min(7, ...sessions.map((s) => Math.floor(minutesOf(s.start) / 60)));
  const lastHour = Math.max(21, ...sessions.map((s) => Math.ceil(minutesOf(s.end) / 60)));
  const hours = Array.from({ length: lastHour - firstHour }, (_, i) => firstHour + i);
  const at = (minutes: number) => `calc(var(--dx-hour) * ${(minutes - firstHour * 60) / 60})`;
  const byDay = new Map(days.map((d) => [d, sessions.filter((s) => s.date === d)]));
  const sessionById = new Map(sessions.map((s) => [s.id, s]));

  // The pixel height of an hour, read from the column itself (print and screen differ).
  const minuteAt = (column: HTMLElement, clientY: number) => {
    const rect = column.getBoundingClientRect();
    return firstHour * 60 + ((clientY - rect.top) / rect.height) * hours.length * 60;
  };

  const drop = (e: DragEvent<HTMLDivElement>, date: string) => {
    e.preventDefault();
    const held = grab.current;
    const s = held && sessionById.get(held.id);
    grab.current = null;
    if (!s) return;
    const length = minutesBetween(s.start, s.end);
    const snapped = Math.round(minuteAt(e.currentTarget, e.clientY - held.offsetY) / SNAP) * SNAP;
    const start = Math.min(Math.max(0, snapped), 24 * 60 - SNAP);
    // Past midnight the end wraps to before the start, which the clash check refuses with its reason.
    if (date !== s.date || hhmm(start) !== s.start) onMove(s, date, hhmm(start), hhmm((start + length) % (24 * 60)));
  };

  return (
    <div className="dxs-week" data-testid="week-view">
      <div className="dxs-week-head">
        <div />
        {days.map((d, i) => (
          <div key={d} className={d === today ? 'dxs-day-head is-today' : 'dxs-day-head'}>{dayLabel(d, i + 1)}</div>
        ))}
      </div>
      <div className="dxs-week-body" style={{ height: `calc(var(--dx-hour) * ${hours.length})` }}>
        <div className="dxs-hours">
          {hours.map((h) => (
            <div key={h} style={{ top: at(h * 60) }}>{`${String(h).padStart(2, '0')}:00`}</div>
          ))}
        </div>
        {days.map((date) => {
          const daySessions = byDay.get(date) ?? [];
          const lanes = layoutDay(daySessions);
          return (
            <div
              key={date}
              className="dxs-day"
              data-date={date}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => drop(e, date)}
              onClick={(e) => {
                if (e.target !== e.currentTarget) return;
                const m = Math.floor(minuteAt(e.currentTarget, e.clientY) / 30) * 30;
                onCreate(date, hhmm(Math.min(m, 23 * 60)));
              }}
            >
              {daySessions.map((s) => {
                const place = lanes.get(s.id)!;
                const cancelled = s.status === 'cancelled';
                return (
                  <div
                    key={s.id}
                    {...sessionItemProps(s, refs, onOpen, (e) => {
                      grab.current = { id: s.id, offsetY: e.clientY - e.currentTarget.getBoundingClientRect().top };
                    })}
                    className={cancelled ? 'dxs-session is-cancelled' : 'dxs-session'}
                    style={{
                      top: at(minutesOf(s.start)),
                      height: at(firstHour * 60 + minutesBetween(s.start, s.end)),
                      left: `${(place.lane / place.lanes) * 100}%`,
                      width: `${100 / place.lanes}%`,
                      borderLeftColor: classColour(s.classId),
                    }}
                  >
                    <b>{s.start}–{s.end}</b>
                    <span className="dxs-session-course">{courseTitle(s, refs)}</span>
                    <span>{classTitle(s, refs)}</span>
                    <span>{instructorNames(s, refs)}</span>
                    <span>{siteName(s, refs)}</span>
                    {cancelled && <span>已取消：{s.cancelReason}</span>}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
