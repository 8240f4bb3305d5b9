/**
 * An instructor's appointment period (聘期) as the pool's dynamic management watches it: a
 * lapsed appointment, or one ending soon, needs renewing or the instructor retiring.
 */
import type { Instructor } from '../domain/records';

/** How many days ahead an ending appointment is flagged. */
export const APPOINTMENT_WARNING_DAYS = 30;

export interface AppointmentWarning {
  kind: 'lapsed' | 'ending';
  /** Days until the last day of the appointment (negative once lapsed). */
  daysLeft: number;
  /** A short Chinese label for a tag. */
  label: string;
  /** The sentence for a detail page. */
  message: string;
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * The warning for an instructor still in the pool (在库 or 暂停), or null when the
 * appointment is current, open-ended, or the instructor has left (退出).
 */
export function appointmentWarning(
  instructor: Pick<Instructor, 'appointmentEnd' | 'status'>,
  today: string,
  days = APPOINTMENT_WARNING_DAYS,
): AppointmentWarning | null {
  const end = instructor.appointmentEnd;
  if (!end || instructor.status === '退出') return null;
  const daysLeft = dayNumber(end) - dayNumber(today);
  if (daysLeft < 0) {
    return { kind: 'lapsed', daysLeft, label: '聘期已满', message: `聘期已于 ${end} 届满，请续聘或调整状态。` };
  }
  if (daysLeft <= days) {
    const when = daysLeft === 0 ? '今天' : `${daysLeft} 天后`;
    return { kind: 'ending', daysLeft, label: '聘期将满', message: `聘期将于 ${end}（${when}）届满，请及时续聘。` };
  }
  return null;
}
