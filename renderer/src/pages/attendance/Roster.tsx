import { Button, Input, InputNumber, Radio, Tag, type InputRef } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../../../../shared/domain/constants';
import { maskIdNumber } from '../../../../shared/domain/idnumber';
import type { Mark } from '../../../../shared/domain/records';
import { MINUTES_STATUSES } from '../../../../shared/rules/attendance';
import type { MarkInput } from '../../data/attendance/marks';
import type { RosterMember } from '../../data/attendance/roster';
import { STATUS_KEYS, STATUS_OPTIONS } from './format';

const STATUS_OF_KEY = new Map(Object.entries(STATUS_KEYS).map(([status, key]) => [key, status as AttendanceStatus]));

export interface RosterProps {
  members: RosterMember[];
  marks: Record<string, Mark>;
  /** Members above the leave limit (不予结业). */
  overLimit: ReadonlySet<string>;
  /** A mark, or null to take it back. Closed sessions ask for a reason first. */
  onMark: (member: RosterMember, mark: MarkInput | null) => Promise<boolean>;
  /** Whether marks change directly (open) or by correction (closed). */
  closed: boolean;
  /** The account may look but not mark (another instructor's session, a 只读 account). */
  readOnly?: boolean;
}

const nextRow = (index: number, length: number) => Math.min(length - 1, index + 1);

/** A 迟到/早退 whose minutes missed are being typed. */
interface Editing {
  id: string;
  status: AttendanceStatus;
  minutesMissed: number;
}

/** Whether a member is what the office typed: part of the name, pinyin initials, or the ID's last digits. */
function matches(m: RosterMember, find: string): boolean {
  const q = find.trim();
  if (!q) return false;
  return m.name.includes(q) || m.py.startsWith(q.toLowerCase()) || (/^\d+[xX]?$/.test(q) && m.idNumber.endsWith(q.toUpperCase()));
}

/**
 * The roster of a session, marked from the keyboard: ↑/↓ move, 1–6 set a status (saved at
 * once), letters find a name by pinyin initials, / opens the name search, Delete takes a mark
 * back. For 迟到/早退 the minutes missed are asked for on the row.
 */
export function Roster({ members, marks, overLimit, onMark, closed, readOnly = false }: RosterProps) {
  const [cursor, setCursor] = useState(0);
  const [find, setFind] = useState('');
  const [editing, setEditingState] = useState<Editing | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<InputRef>(null);
  const state = useRef({ members, marks, onMark, closed, editing });
  state.current = { members, marks, onMark, closed, editing };
  const setEditing = (e: Editing | null) => {
    state.current.editing = e;
    setEditingState(e);
  };

  const focusRoster = useCallback(() => tableRef.current?.focus({ preventScroll: true }), []);
  useEffect(() => focusRoster(), [focusRoster]);
  useEffect(() => {
    tableRef.current?.querySelector(`[data-row="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const found = useMemo(() => members.flatMap((m, i) => (matches(m, find) ? [i] : [])), [members, find]);
  const jumpToMatch = (query: string, from = 0) => {
    const hit = members.findIndex((m, i) => i >= from && matches(m, query));
    const first = hit === -1 ? members.findIndex((m) => matches(m, query)) : hit;
    if (first !== -1) setCursor(first);
  };
  const move = (delta: number) => setCursor((c) => Math.max(0, Math.min(members.length - 1, c + delta)));

  /**
   * Set a status on a row. In an open session the cursor moves on at once (so a fast typist
   * marks row after row), or, for 迟到/早退, the minutes field opens before the next key.
   * A closed session asks for a reason first and stays on the row.
   */
  const mark = useCallback(async (index: number, status: AttendanceStatus) => {
    const { members: list, marks: current, onMark: save, closed: isClosed } = state.current;
    const member = list[index];
    if (!member) return;
    const before = current[member.id];
    const needsMinutes = MINUTES_STATUSES.includes(status);
    const minutesMissed = needsMinutes && before && MINUTES_STATUSES.includes(before.status) ? before.minutesMissed : 0;
    if (isClosed) setCursor(index);
    else if (needsMinutes) {
      setCursor(index);
      setEditing({ id: member.id, status, minutesMissed });
    } else setCursor(nextRow(index, list.length));
    await save(member, { status, minutesMissed });
    if (isClosed || !needsMinutes) focusRoster();
  }, [focusRoster]);

  /** Leave the minutes field: save what was typed (Enter, or focus moving away) unless cancelled. */
  const finishMinutes = useCallback(async (member: RosterMember, minutes: number | null) => {
    const e = state.current.editing;
    if (!e || e.id !== member.id) return;
    setEditing(null);
    setCursor(nextRow(state.current.members.indexOf(member), state.current.members.length));
    focusRoster();
    if (minutes !== null) await state.current.onMark(member, { status: e.status, minutesMissed: minutes });
  }, [focusRoster]);

  const clear = useCallback(async (member: RosterMember) => {
    await state.current.onMark(member, null);
    focusRoster();
  }, [focusRoster]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== tableRef.current || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key;
    const status = STATUS_OF_KEY.get(key);
    let handled = true;
    if (status && !readOnly) {
      setFind('');
      void mark(cursor, status);
    } else if (key === 'ArrowDown') move(1);
    else if (key === 'ArrowUp') move(-1);
    else if (key === 'PageDown') move(10);
    else if (key === 'PageUp') move(-10);
    else if (key === 'Home') setCursor(0);
    else if (key === 'End') setCursor(members.length - 1);
    else if (key === 'Delete' && !readOnly) {
      const member = members[cursor];
      if (member && marks[member.id]) void clear(member);
    } else if (key === '/') findRef.current?.focus();
    else if (key === 'Escape') setFind('');
    else if (key === 'Enter' && find) jumpToMatch(find, cursor + 1);
    else if (key === 'Backspace' && find) {
      const next = find.slice(0, -1);
      setFind(next);
      jumpToMatch(next);
    } else if (/^[a-zA-Z]$/.test(key)) {
      const next = find + key.toLowerCase();
      setFind(next);
      jumpToMatch(next);
    } else handled = false;
    if (handled) e.preventDefault();
  };

  const onFindKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      focusRoster();
    } else if (e.key === 'Escape') {
      setFind('');
      focusRoster();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (found.length === 0) return;
      const pos = found.indexOf(cursor);
      const next = e.key === 'ArrowDown' ? (pos + 1) % found.length : (pos - 1 + found.length) % found.length;
      setCursor(found[pos === -1 ? 0 : next]!);
    }
  };

  const matched = new Set(found);
  return (
    <>
      <div className="dx-roster-legend" aria-label="键盘操作说明">
        {ATTENDANCE_STATUSES.map((s) => <span key={s}><kbd>{STATUS_KEYS[s]}</kbd>{s}</span>)}
        <span><kbd>↑</kbd><kbd>↓</kbd>上下移动</span>
        <span><kbd>Delete</kbd>清除</span>
        <span>输入拼音首字母定位学员，<kbd>/</kbd>按姓名查找</span>
        <span>迟到/早退后输入缺课分钟，<kbd>Enter</kbd>确认</span>
      </div>
      <Input
        ref={findRef}
        allowClear
        aria-label="查找学员"
        placeholder="查找学员：姓名、拼音首字母或身份证号后几位"
        value={find}
        onChange={(e) => {
          setFind(e.target.value);
          jumpToMatch(e.target.value);
        }}
        onKeyDown={onFindKey}
        style={{ maxWidth: 420, marginBottom: 8 }}
        suffix={find ? <span style={{ color: '#8c8c8c' }}>{found.length} 人</span> : null}
      />
      <div
        ref={tableRef}
        className="dx-roster"
        tabIndex={0}
        role="grid"
        aria-label="点名名单"
        aria-activedescendant={members[cursor] ? `roster-${members[cursor]!.id}` : undefined}
        onKeyDown={onKeyDown}
      >
        <table>
          <thead>
            <tr>
              <th className="dx-roster-num">序号</th>
              <th>姓名</th>
              <th>所在党支部</th>
              <th>身份证号</th>
              <th>考勤</th>
              <th>缺课分钟</th>
              <th>计入学时</th>
              <th aria-label="操作" />
            </tr>
          </thead>
          <tbody>
            {members.map((m, i) => {
              const mk = marks[m.id];
              return (
                <RosterRow
                  key={m.id}
                  index={i}
                  member={m}
                  status={mk?.status ?? null}
                  minutesMissed={mk?.minutesMissed ?? 0}
                  hours={mk?.hours ?? null}
                  active={i === cursor}
                  match={matched.has(i)}
                  editing={editing?.id === m.id}
                  overLimit={overLimit.has(m.id)}
                  closed={closed}
                  readOnly={readOnly}
                  onSelect={setCursor}
                  onStatus={mark}
                  onMinutes={finishMinutes}
                  onClear={clear}
                />
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

interface RowProps {
  index: number;
  member: RosterMember;
  status: AttendanceStatus | null;
  minutesMissed: number;
  hours: number | null;
  active: boolean;
  match: boolean;
  editing: boolean;
  overLimit: boolean;
  closed: boolean;
  readOnly: boolean;
  onSelect: (index: number) => void;
  onStatus: (index: number, status: AttendanceStatus) => Promise<void>;
  /** Minutes typed for the row's 迟到/早退, or null when cancelled. */
  onMinutes: (member: RosterMember, minutes: number | null) => Promise<void>;
  onClear: (member: RosterMember) => Promise<void>;
}

const minutesOf = (input: HTMLInputElement) => (input.value.trim() === '' ? 0 : Math.max(0, Math.round(Number(input.value)) || 0));

/** One row; memoised on plain values so marking one trainee re-renders one row, not a hundred. */
const RosterRow = memo(function RosterRow(p: RowProps) {
  const { member: m } = p;
  const minutesStatus = p.status !== null && MINUTES_STATUSES.includes(p.status);
  return (
    <tr
      id={`roster-${m.id}`}
      data-row={p.index}
      aria-selected={p.active}
      className={[p.active && 'is-active', p.match && 'is-match'].filter(Boolean).join(' ')}
      onClick={() => p.onSelect(p.index)}
    >
      <td className="dx-roster-num">{p.index + 1}</td>
      <td className="dx-roster-name">
        <Link to={`/attendance/ledger/${m.id}`} tabIndex={-1} onClick={(e) => e.stopPropagation()}>{m.name}</Link>
        {m.walkIn && <Tag color="purple" style={{ marginLeft: 6 }}>插班</Tag>}
        {p.overLimit && <Tag color="red" style={{ marginLeft: 6 }} title="请假超过培训班总学时的限额">不予结业</Tag>}
      </td>
      <td className="dx-roster-branch" title={m.branch}>{m.branch}</td>
      <td>{m.idNumber ? maskIdNumber(m.idNumber) : '—'}</td>
      <td>
        <Radio.Group
          size="small"
          optionType="button"
          buttonStyle="solid"
          aria-label={`${m.name}的考勤`}
          value={p.status}
          disabled={p.readOnly}
          options={STATUS_OPTIONS}
          onChange={(e) => void p.onStatus(p.index, e.target.value as AttendanceStatus)}
        />
      </td>
      <td style={{ width: 120 }}>
        {p.editing ? (
          <InputNumber
            autoFocus
            size="small"
            min={0}
            max={24 * 60}
            precision={0}
            aria-label={`${m.name}缺课分钟`}
            defaultValue={p.minutesMissed || undefined}
            suffix="分钟"
            style={{ width: 100 }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') void p.onMinutes(m, null);
              if (e.key === 'Enter') void p.onMinutes(m, minutesOf(e.target as HTMLInputElement));
            }}
            onBlur={(e) => void p.onMinutes(m, minutesOf(e.target))}
          />
        ) : minutesStatus && p.readOnly ? (
          `${p.minutesMissed} 分钟`
        ) : minutesStatus ? (
          <Button type="link" size="small" tabIndex={-1} onClick={(e) => { e.stopPropagation(); void p.onStatus(p.index, p.status!); }}>
            {p.minutesMissed} 分钟
          </Button>
        ) : null}
      </td>
      <td>{p.hours ?? ''}</td>
      <td>
        {p.status && !p.readOnly && (
          <Button type="link" size="small" tabIndex={-1} onClick={(e) => { e.stopPropagation(); void p.onClear(m); }}>清除</Button>
        )}
      </td>
    </tr>
  );
});
