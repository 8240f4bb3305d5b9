import { Checkbox, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Clash, SessionDraft } from '../../../../shared/rules/clashes';
import { weekdayOf } from '../../../../shared/rules/schedule';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { classTitle, courseTitle, dayLabel } from './format';

const keyOf = (d: SessionDraft) => `${d.date}|${d.start}|${d.classId}|${d.courseId}`;

/**
 * Which drafts of a batch (a repeating series, a copied week) will be saved: clash-free ones
 * unless the user unticks them, ones with only soft clashes when the user ticks them (a
 * reason is then needed), never ones with a hard clash. Kept by draft, so a re-check keeps
 * the user's choices.
 */
export function useBatchSelection(drafts: readonly SessionDraft[], clashes: Clash[][] | undefined) {
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [softTicked, setSoftTicked] = useState<ReadonlySet<string>>(new Set());
  const hard = (i: number) => !!clashes?.[i]?.some((c) => c.severity === 'hard');
  const soft = (i: number) => !!clashes?.[i]?.length && !hard(i);
  const isSelected = (i: number) => {
    if (!clashes || hard(i)) return false;
    const key = keyOf(drafts[i]!);
    return soft(i) ? softTicked.has(key) : !unticked.has(key);
  };
  const toggle = (i: number, on: boolean) => {
    const key = keyOf(drafts[i]!);
    const update = (set: ReadonlySet<string>, add: boolean) => {
      const next = new Set(set);
      if (add) next.add(key);
      else next.delete(key);
      return next;
    };
    if (soft(i)) setSoftTicked((s) => update(s, on));
    else setUnticked((s) => update(s, !on));
  };
  const selected = drafts.filter((_, i) => isSelected(i));
  return { isSelected, toggle, hard, selected, needsReason: drafts.some((_, i) => soft(i) && isSelected(i)) };
}

export type BatchSelection = ReturnType<typeof useBatchSelection>;

/** The drafts of a batch, each with its clash check and a tick box. */
export function BatchPreview(props: {
  drafts: readonly SessionDraft[];
  clashes: Clash[][] | undefined;
  selection: BatchSelection;
  refs: ScheduleRefs;
  showSession?: boolean;
}) {
  const { drafts, clashes, selection, refs, showSession } = props;
  const rows = drafts.map((draft, index) => ({ draft, index, clashes: clashes?.[index] }));
  return (
    <>
      <Table
        size="small"
        rowKey={(r) => keyOf(r.draft)}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 320 }}
        data-testid="batch-preview"
        columns={[
          {
            title: '保存',
            width: 56,
            render: (_, r) => (
              <Checkbox
                aria-label={`保存 ${r.draft.date}`}
                checked={selection.isSelected(r.index)}
                disabled={!r.clashes || selection.hard(r.index)}
                onChange={(e) => selection.toggle(r.index, e.target.checked)}
              />
            ),
          },
          { title: '日期', width: 130, render: (_, r) => dayLabel(r.draft.date, weekdayOf(r.draft.date)) },
          { title: '时间', width: 110, render: (_, r) => `${r.draft.start}–${r.draft.end}` },
          ...(showSession
            ? [{ title: '课次', render: (_: unknown, r: (typeof rows)[number]) => `${courseTitle(r.draft, refs)} · ${classTitle(r.draft, refs)}` }]
            : []),
          {
            title: '检查结果',
            render: (_, r) =>
              !r.clashes ? (
                <Typography.Text type="secondary">检查中…</Typography.Text>
              ) : r.clashes.length === 0 ? (
                <Tag color="success">无冲突</Tag>
              ) : (
                r.clashes.map((c, i) => (
                  <div key={i}>
                    <Tag color={c.severity === 'hard' ? 'error' : 'warning'}>{c.severity === 'hard' ? '冲突' : '提醒'}</Tag>
                    {c.message}
                  </div>
                ))
              ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        共 {drafts.length} 次，将保存 {selection.selected.length} 次。有冲突的日期不能保存；只有提醒的日期勾选后需填写理由。
      </Typography.Paragraph>
    </>
  );
}
