import { App } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from '../../components/RegistryFormModal';

/** Ask before deleting; a refusal from the data layer (a course still in use …) is shown, not thrown. */
export function useConfirmDelete() {
  const { message, modal } = App.useApp();
  return (r: { title: string; content?: ReactNode; okText?: string; run: () => Promise<unknown>; done: string }) =>
    modal.confirm({
      title: r.title,
      content: r.content,
      okText: r.okText ?? '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await r.run();
          void message.success(r.done);
        } catch (e) {
          void message.error(errorText(e));
        }
      },
    });
}
