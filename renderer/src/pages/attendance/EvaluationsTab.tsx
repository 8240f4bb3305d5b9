import { App, Button, Input, InputNumber, Select, Table, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { EVALUATION_CRITERIA } from '../../../../shared/domain/constants';
import type { Evaluation, Session } from '../../../../shared/domain/records';
import { averageEvaluations } from '../../../../shared/rules/attendance';
import { deleteColumn } from '../../components/deleteColumn';
import { deleteEvaluation, saveEvaluation, sessionEvaluations } from '../../data/attendance/evaluations';
import { db } from '../../data/instance';
import { errorText } from './format';

const blank = (): (number | null)[] => EVALUATION_CRITERIA.map(() => null);

/**
 * 学员评课: paper evaluation forms (5 criteria × 20 points) typed in one after another —
 * Enter goes to the next score and, after the last, saves and starts the next form.
 */
export function EvaluationsTab({ session }: { session: Session }) {
  const { message } = App.useApp();
  const forms = useLiveQuery(() => sessionEvaluations(session.id), [session.id]);
  const instructors = useLiveQuery(async () => {
    const rows = await db().instructors.bulkGet(session.instructorIds);
    return session.instructorIds.map((id, i) => ({ id, name: rows[i]?.name ?? '（已删除）' }));
  }, [session.instructorIds.join()]);
  const [instructorId, setInstructorId] = useState(session.instructorIds[0]!);
  const [scores, setScores] = useState(blank);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const nameOf = new Map(instructors?.map((i) => [i.id, i.name]));

  const submit = async () => {
    const missing = scores.findIndex((s) => s === null);
    if (missing !== -1) {
      setError(`请填写“${EVALUATION_CRITERIA[missing]}”的得分（0–20 分）`);
      inputs.current[missing]?.focus();
      return;
    }
    try {
      await saveEvaluation({ sessionId: session.id, instructorId, scores: scores as number[], note });
      setScores(blank());
      setNote('');
      setError(null);
      inputs.current[0]?.focus();
      void message.success('已保存一份评课表');
    } catch (e) {
      setError(errorText(e));
    }
  };

  const averages = session.instructorIds
    .map((id) => ({ id, avg: averageEvaluations((forms ?? []).filter((f) => f.instructorId === id)) }))
    .filter((a) => a.avg);

  return (
    <>
      <Typography.Paragraph type="secondary">
        按纸质评课表逐份录入，每项满分 20 分。按 Enter 跳到下一项，最后一项后按 Enter 保存并开始下一份。
      </Typography.Paragraph>
      <div className="dx-eval-form" aria-label="录入评课表">
        {session.instructorIds.length > 1 && (
          <label>
            授课教员
            <Select
              style={{ width: 140 }}
              aria-label="授课教员"
              value={instructorId}
              onChange={setInstructorId}
              options={instructors?.map((i) => ({ value: i.id, label: i.name }))}
            />
          </label>
        )}
        {EVALUATION_CRITERIA.map((c, i) => (
          <label key={c}>
            {c}
            <InputNumber
              ref={(el) => { inputs.current[i] = el; }}
              aria-label={c}
              min={0}
              max={20}
              precision={1}
              style={{ width: 96 }}
              value={scores[i]}
              onChange={(v) => setScores((s) => s.map((x, k) => (k === i ? v : x)))}
              onPressEnter={(e) => {
                e.preventDefault();
                const el = inputs.current[i + 1];
                if (el) el.focus();
                else void submit();
              }}
            />
          </label>
        ))}
        <label>
          意见建议
          <Input aria-label="意见建议" style={{ width: 220 }} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} onPressEnter={() => void submit()} />
        </label>
        <Button type="primary" onClick={() => void submit()}>保存评课表</Button>
      </div>
      {error && <div role="alert" style={{ color: '#cf1322', marginBottom: 12 }}>{error}</div>}
      {averages.map(({ id, avg }) => (
        <Typography.Paragraph key={id} data-testid="evaluation-average">
          <strong>{nameOf.get(id)}</strong>：{avg!.count} 份，平均 <strong>{avg!.total}</strong> 分
          （{EVALUATION_CRITERIA.map((c, i) => `${c} ${avg!.criteria[i]}`).join('，')}）
        </Typography.Paragraph>
      ))}
      <Table<Evaluation>
        rowKey="id"
        size="small"
        loading={!forms}
        dataSource={forms}
        pagination={false}
        locale={{ emptyText: '还没有评课表' }}
        columns={[
          { title: '序号', key: 'n', width: 56, render: (_, __, i) => i + 1 },
          ...(session.instructorIds.length > 1 ? [{ title: '教员', dataIndex: 'instructorId', render: (id: string) => nameOf.get(id) }] : []),
          ...EVALUATION_CRITERIA.map((c, i) => ({ title: c, key: c, render: (_: unknown, r: Evaluation) => r.scores[i] })),
          { title: '合计', key: 'total', render: (_, r) => Math.round(r.scores.reduce((a, b) => a + b, 0) * 10) / 10 },
          { title: '意见建议', dataIndex: 'note', ellipsis: true },
          deleteColumn('份评课表', (r) => deleteEvaluation(r.id)),
        ]}
      />
    </>
  );
}
