import {
  Alert, App, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Session } from '../../../../shared/domain/records';
import type { SessionDraft } from '../../../../shared/rules/clashes';
import { minutesBetween, minutesToHours } from '../../../../shared/rules/hours';
import { expandSeries, weekdayOf } from '../../../../shared/rules/schedule';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { saveSession, saveSessions } from '../../data/schedule/sessions';
import { useSetting } from '../../data/settings';
import { BatchPreview, useBatchSelection } from './BatchPreview';
import { ClashList } from './ClashList';
import { errorText } from '../../components/RegistryFormModal';
import { STATUS_LABELS, WEEKDAY_LABELS } from './format';
import { useClashCheck } from './useClashCheck';
import { useSessionActions } from './useSessionActions';

/** What the editor opens on: a stored session, or a new one with some fields given (a class, a date, a time). */
export type EditorTarget = { session: Session } | { preset: Partial<SessionDraft> };

interface Values {
  classId?: string;
  courseId?: string;
  instructorIds: string[];
  siteId?: string;
  date?: Dayjs;
  start?: Dayjs;
  end?: Dayjs;
  repeat: boolean;
  weekdays: number[];
  weeks: number;
  overrideReason: string;
}

const TIME = 'HH:mm';
// Enter confirms a typed date or start time without saving yet: the times after it still need filling.
const confirmOnly = (e: KeyboardEvent) => e.key === 'Enter' && e.preventDefault();
const time = (t: string | undefined) => (t ? dayjs(t, TIME) : undefined);

function initialValues(target: EditorTarget): Values {
  const s = 'session' in target ? target.session : target.preset;
  return {
    classId: s.classId,
    courseId: s.courseId,
    instructorIds: s.instructorIds ?? [],
    siteId: s.siteId,
    date: s.date ? dayjs(s.date) : undefined,
    start: time(s.start ?? '08:30'),
    end: time(s.end),
    repeat: false,
    weekdays: s.date ? [weekdayOf(s.date)] : [],
    weeks: 8,
    overrideReason: 'session' in target ? target.session.overrideReason : '',
  };
}

/** The drafts the form describes, or null while a field is missing. */
function draftsOf(v: Partial<Values>, stored: Session | undefined): SessionDraft[] | null {
  if (!v.classId || !v.courseId || !v.instructorIds?.length || !v.siteId || !v.date || !v.start || !v.end) return null;
  const base: SessionDraft = {
    ...(stored && { id: stored.id }),
    classId: v.classId,
    courseId: v.courseId,
    instructorIds: v.instructorIds,
    siteId: v.siteId,
    date: v.date.format('YYYY-MM-DD'),
    start: v.start.format(TIME),
    end: v.end.format(TIME),
    status: stored?.status ?? 'planned',
  };
  if (!v.repeat || stored) return [base];
  return expandSeries({ firstDate: base.date, weekdays: v.weekdays ?? [], weeks: v.weeks ?? 0 }).map((date) => ({ ...base, date }));
}

/**
 * 课次 editor: one session, or (when new) a weekly series. Clashes are checked as the user
 * edits and shown before saving; a hard clash refuses the save with the other session named,
 * soft ones need a reason, which is stored with the session.
 */
export function SessionEditor({ target, refs, onClose }: { target: EditorTarget; refs: ScheduleRefs; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rules = useSetting('hourRules');
  const actions = useSessionActions();
  const stored = 'session' in target ? target.session : undefined;
  const held = !!stored && (stored.status === 'held' || stored.closed);
  const [form] = Form.useForm<Values>();
  const [initial] = useState(() => initialValues(target));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const v = values ?? initial;
  const drafts = draftsOf(v, stored);
  const series = !stored && !!v.repeat;
  const clashes = useClashCheck(drafts);
  const selection = useBatchSelection(drafts ?? [], clashes);
  const single = !series && drafts && clashes ? clashes[0]! : undefined;
  const needsReason = series ? selection.needsReason : !!single?.some((c) => c.severity === 'soft');

  const course = v.courseId ? refs.course.get(v.courseId) : undefined;
  const minutes = v.start && v.end ? minutesBetween(v.start.format(TIME), v.end.format(TIME)) : null;

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    setError(null);
    const picked = changed.courseId ? refs.course.get(changed.courseId) : undefined;
    if (picked) {
      const patch: Partial<Values> = {};
      if (picked.siteId) patch.siteId = picked.siteId;
      if (all.instructorIds.length === 0) {
        const able = picked.instructorIds.find((id) => refs.instructor.get(id)?.status === '在库');
        if (able) patch.instructorIds = [able];
      }
      // A stored session keeps its times when its course is corrected.
      if (all.start && !stored) patch.end = all.start.add(picked.minutes, 'minute');
      form.setFieldsValue(patch);
    }
    // A series repeats on the first date's weekday unless the user has chosen other days.
    const weekdays = all.weekdays ?? [];
    if (changed.date && weekdays.length <= 1) form.setFieldsValue({ weekdays: [weekdayOf(changed.date.format('YYYY-MM-DD'))] });
  };

  const submit = async (values: Values) => {
    if (!drafts) return;
    setSaving(true);
    setError(null);
    try {
      const reason = needsReason ? values.overrideReason : '';
      if (series) {
        if (selection.selected.length === 0) throw new Error('没有可保存的日期：请至少勾选一个无冲突的日期');
        await saveSessions(selection.selected, reason);
        void message.success(`已保存 ${selection.selected.length} 个课次`);
      } else {
        await saveSession(drafts[0]!, reason);
        void message.success('课次已保存');
      }
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const ableIds = new Set(course?.instructorIds ?? []);
  const instructorOption = (id: string) => {
    const i = refs.instructor.get(id)!;
    return { value: i.id, label: i.status === '在库' ? i.name : `${i.name}（${i.status}）` };
  };
  const act = async (run: Promise<boolean>) => {
    if (await run) onClose();
  };

  return (
    <Modal
      open
      title={stored ? `编辑课次 · ${STATUS_LABELS[stored.status]}` : '新建课次'}
      onCancel={onClose}
      footer={null}
      width={860}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {stored?.status === 'cancelled' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`本课次已取消：${stored.cancelReason}`} />
      )}
      {held && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本课次已上课：日期、时间和培训班不能再改，以免学时记错；可更正教员、课程和教学点。" />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={onValuesChange} onFinish={submit}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="classId" label="培训班" rules={[{ required: true, message: '请选择培训班' }]}>
              <Select
                disabled={held}
                autoFocus={!initial.classId}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择培训班"
                options={refs.classes.map((c) => ({ value: c.id, label: c.title }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="courseId" label="课程" rules={[{ required: true, message: '请选择课程' }]}>
              <Select
                autoFocus={!!initial.classId && !initial.courseId}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="从课程库选择"
                options={refs.courses.map((c) => ({ value: c.id, label: `${c.title}（${c.method}，${c.minutes} 分钟）` }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="instructorIds" label="教员" rules={[{ required: true, message: '请至少选择一名教员' }]}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择教员"
                options={[
                  ...(ableIds.size > 0
                    ? [{ label: '可讲授本课程', options: [...ableIds].filter((id) => refs.instructor.has(id)).map(instructorOption) }]
                    : []),
                  { label: ableIds.size > 0 ? '其他教员' : '教员', options: refs.instructors.filter((i) => !ableIds.has(i.id)).map((i) => instructorOption(i.id)) },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="siteId" label="教学点" rules={[{ required: true, message: '请选择教学点' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择教学点"
                options={refs.sites.map((s) => ({
                  value: s.id,
                  label: `${s.name}（${[s.town, s.capacity ? `${s.capacity} 人` : '', s.status === '停用' ? '停用' : ''].filter(Boolean).join('，')}）`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="date" label={series ? '首次日期' : '日期'} rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker disabled={held} style={{ width: '100%' }} onKeyDown={confirmOnly} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="start" label="开始时间" rules={[{ required: true, message: '请填写开始时间' }]}>
              <TimePicker disabled={held} format={TIME} minuteStep={5} needConfirm={false} style={{ width: '100%' }} onKeyDown={confirmOnly} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="end"
              label="结束时间"
              rules={[{ required: true, message: '请填写结束时间' }]}
              extra={
                minutes === null ? undefined : minutes > 0 ? (
                  <span data-testid="session-length">{`${minutes} 分钟，计 ${rules ? minutesToHours(minutes, rules) : '…'} 学时`}</span>
                ) : (
                  <Typography.Text type="danger">结束时间须晚于开始时间，课次不能跨越午夜</Typography.Text>
                )
              }
            >
              <TimePicker disabled={held} format={TIME} minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {!stored && (
          <Space align="center" wrap style={{ marginBottom: 12 }}>
            <Form.Item name="repeat" valuePropName="checked" noStyle>
              <Switch aria-label="按周重复" />
            </Form.Item>
            按周重复
            {v.repeat && (
              <>
                <Form.Item name="weekdays" noStyle>
                  <Checkbox.Group options={WEEKDAY_LABELS.map((label, i) => ({ label, value: i + 1 }))} />
                </Form.Item>
                <span>共</span>
                <Form.Item name="weeks" noStyle>
                  <InputNumber min={1} max={52} style={{ width: 72 }} aria-label="重复周数" />
                </Form.Item>
                <span>周</span>
              </>
            )}
          </Space>
        )}

        {series && drafts && <BatchPreview drafts={drafts} clashes={clashes} selection={selection} refs={refs} />}
        {!series && drafts && (
          <div style={{ marginBottom: 12 }} aria-live="polite">
            {!single ? (
              <Typography.Text type="secondary">正在检查冲突…</Typography.Text>
            ) : single.length === 0 ? (
              <Alert type="success" showIcon title="无冲突" />
            ) : (
              <ClashList clashes={single} />
            )}
          </div>
        )}
        {needsReason && (
          <Form.Item
            name="overrideReason"
            label="忽略提醒的理由"
            rules={[{ required: true, whitespace: true, message: '有提醒时须填写理由才能保存' }]}
            style={{ marginTop: 12 }}
          >
            <Input maxLength={500} placeholder="例如：已与教学点协调周六开放" />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ margin: '12px 0' }} data-testid="save-error" />}

        <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', flexWrap: 'wrap', marginTop: 16 }}>
          {stored && (
            <>
              <Button onClick={() => navigate(`/schedule/sessions/${stored.id}/sign-in`)}>签到表</Button>
              {stored.status === 'cancelled' && <Button onClick={() => void act(actions.restore(stored))}>恢复课次</Button>}
              {!held && stored.status !== 'cancelled' && (
                <Button danger onClick={() => void act(actions.cancel(stored))}>取消课次…</Button>
              )}
              {!held && <Button danger type="text" onClick={() => void act(actions.remove(stored))}>删除</Button>}
              <span style={{ flex: 1 }} />
            </>
          )}
          <Button onClick={onClose}>关闭</Button>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!!drafts && !clashes}>
            {series ? `保存所选 ${selection.selected.length} 次` : '保存'}
          </Button>
        </div>
      </Form>
      {actions.dialog}
    </Modal>
  );
}
