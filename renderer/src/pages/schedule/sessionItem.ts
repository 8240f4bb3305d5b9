import type { DragEvent, KeyboardEvent } from 'react';
import type { Session } from '../../../../shared/domain/records';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { classTitle, courseTitle, instructorNames, siteName } from './format';

/**
 * What a session on a calendar is, whatever its view: a button that opens it (click or Enter),
 * named and titled with what it is, draggable while it is only planned.
 */
export function sessionItemProps(s: Session, refs: ScheduleRefs, onOpen: (s: Session) => void, onGrab: (e: DragEvent<HTMLElement>) => void) {
  const label = `${s.start}–${s.end} ${courseTitle(s, refs)} · ${classTitle(s, refs)}`;
  return {
    role: 'button',
    tabIndex: 0,
    'aria-label': label,
    title: `${label}\n${siteName(s, refs)} · ${instructorNames(s, refs)}${s.status === 'cancelled' ? `\n已取消：${s.cancelReason}` : ''}`,
    'data-testid': 'calendar-session',
    draggable: s.status === 'planned' && !s.closed,
    onClick: () => onOpen(s),
    onKeyDown: (e: KeyboardEvent) => e.key === 'Enter' && onOpen(s),
    onDragStart: (e: DragEvent<HTMLElement>) => {
      onGrab(e);
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', s.id);
    },
  };
}
