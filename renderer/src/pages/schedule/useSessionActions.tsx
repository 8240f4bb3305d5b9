import { App } from 'antd';
import type { Session } from '../../../../shared/domain/records';
import type { SessionDraft } from '../../../../shared/rules/clashes';
import { checkSessionClashes } from '../../data/schedule/clashContext';
import {
  ClashError, cancelSession, deleteSession, moveSession, restoreSession,
} from '../../data/schedule/sessions';
import { ClashList } from './ClashList';
import { errorText } from '../../components/RegistryFormModal';
import { useReasonPrompt } from './useReasonPrompt';

/**
 * What can be done to a stored session from anywhere (calendar, class timetable, editor):
 * move, cancel with a reason, restore, delete. Moving and restoring are clash-checked first:
 * a hard clash is shown and nothing changes; soft ones ask for a reason. Each action
 * resolves true when it changed something.
 */
export function useSessionActions() {
  const { message, modal } = App.useApp();
  const { ask, dialog } = useReasonPrompt();

  const refuse = (title: string, e: unknown) => {
    if (e instanceof ClashError) modal.error({ title, content: <ClashList clashes={e.clashes} />, width: 560 });
    else void message.error(errorText(e));
  };

  /** Check `changed`, ask for a reason if only soft clashes stand, then run `save`. */
  const clashChecked = async (
    title: string, okText: string, changed: SessionDraft, save: (reason: string) => Promise<unknown>, done: string,
  ) => {
    const clashes = await checkSessionClashes(changed);
    const hard = clashes.filter((c) => c.severity === 'hard');
    if (hard.length > 0) {
      modal.error({ title: `${title}：有冲突，未保存`, content: <ClashList clashes={hard} />, width: 560 });
      return false;
    }
    let reason = '';
    if (clashes.length > 0) {
      const given = await ask({ title, label: '忽略提醒的理由', okText, clashes });
      if (given === null) return false;
      reason = given;
    }
    try {
      await save(reason);
      void message.success(done);
      return true;
    } catch (e) {
      refuse(`${title}未完成`, e);
      return false;
    }
  };

  const move = (s: Session, date: string, start: string, end: string) =>
    clashChecked('移动课次', '仍然移动', { ...s, date, start, end }, (reason) => moveSession(s.id, date, start, end, reason),
      `课次已移到 ${date} ${start}–${end}`);

  const restore = (s: Session) =>
    clashChecked('恢复课次', '仍然恢复', { ...s, status: 'planned' }, (reason) => restoreSession(s.id, reason), '课次已恢复');

  const cancel = async (s: Session) => {
    const reason = await ask({ title: `取消 ${s.date} ${s.start}–${s.end} 的课次`, label: '取消原因', okText: '取消课次', danger: true });
    if (reason === null) return false;
    try {
      await cancelSession(s.id, reason);
      void message.success('课次已取消');
      return true;
    } catch (e) {
      refuse('取消未完成', e);
      return false;
    }
  };

  const remove = (s: Session) =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title: `删除 ${s.date} ${s.start}–${s.end} 的课次？`,
        content: '删除用于录错的课次；已安排但不再举行的课次请用“取消课次”，以保留记录。',
        okText: '删除',
        okButtonProps: { danger: true },
        cancelText: '返回',
        onCancel: () => resolve(false),
        onOk: async () => {
          try {
            await deleteSession(s.id);
            void message.success('课次已删除');
            resolve(true);
          } catch (e) {
            refuse('删除未完成', e);
            resolve(false);
          }
        },
      }),
    );

  return { move, restore, cancel, remove, dialog };
}
