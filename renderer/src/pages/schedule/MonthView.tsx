import { useRef } from 'react';
import type { Session } from '../../../../shared/domain/records';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { WEEKDAY_LABELS, classColour, courseTitle } from './format';
import { sessionItemProps } from './sessionItem';

/** Sessions a day cell shows on screen; the rest are behind "还有 N 个" (and all are printed). */
const SHOWN = 4;

export interface MonthViewProps {
  /** 'YYYY-MM' */
  month: string;
  /** Whole weeks, Monday first, covering the month. */
  days: readonly string[];
  today: string;
  sessions: readonly Session[];
  refs: ScheduleRefs;
  onOpen: (s: Session) => void;
  onCreate: (date: string) => void;
  onMove: (s: Session, date: string) => void;
  onShowWeek: (date: string) => void;
}

/** 月课表: a cell per day listing its sessions; drag one to another day to move it (its times stay). */
export function MonthView({ month, days, today, sessions, refs, onOpen, onCreate, onMove, onShowWeek }: MonthViewProps) {
  const dragged = useRef<Session | null>(null);
  const byDay = new Map<string, Session[]>();
  for (const s of sessions) byDay.set(s.date, [...(byDay.get(s.date) ?? []), s]);
  return (
    <div className="dxs-month" data-testid="month-view">
      {WEEKDAY_LABELS.map((w) => <div key={w} className="dxs-month-head">{w}</div>)}
      {days.map((date) => {
        const list = byDay.get(date) ?? [];
        const classes = ['dxs-month-day', date.startsWith(month) ? '' : 'is-other', date === today ? 'is-today' : ''];
        return (
          <div
            key={date}
            className={classes.join(' ')}
            data-date={date}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const s = dragged.current;
              dragged.current = null;
              if (s && s.date !== date) onMove(s, date);
            }}
            onClick={(e) => e.target === e.currentTarget && onCreate(date)}
          >
            <div className="dxs-month-date">{Number(date.slice(8, 10))}</div>
            {list.map((s, i) => (
              <div
                key={s.id}
                {...sessionItemProps(s, refs, onOpen, () => (dragged.current = s))}
                className={['dxs-chip', s.status === 'cancelled' ? 'is-cancelled' : '', i >= SHOWN ? 'dxs-extra' : ''].join(' ')}
                style={{ borderLeftColor: classColour(s.classId) }}
              >
                {s.start} {courseTitle(s, refs)}
              </div>
            ))}
            {list.length > SHOWN && (
              <button type="button" className="dxs-more dx-no-print" onClick={() => onShowWeek(date)}>
                还有 {list.length - SHOWN} 个…
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
