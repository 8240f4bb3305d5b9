import { App } from 'antd';
import { useEffect } from 'react';
import { STORAGE_FULL_MESSAGE, StorageFullError, isQuotaExceeded } from '../data/db';
import { PermissionError } from '../data/write';

/**
 * Errors no page caught — a write the account may not make, a full disk — are said in
 * Chinese instead of vanishing into the console. Every write is one transaction, so in
 * both cases nothing was half-written and nothing saved before was lost.
 */
export function UnhandledErrorNotice() {
  const { notification } = App.useApp();
  useEffect(() => {
    const onRejection = (event: PromiseRejectionEvent) => {
      const error: unknown = event.reason;
      if (error instanceof StorageFullError || isQuotaExceeded(error)) {
        notification.error({ key: 'storage-full', title: '磁盘空间不足', description: STORAGE_FULL_MESSAGE, duration: 0 });
      } else if (error instanceof PermissionError) {
        notification.warning({ title: '没有权限', description: error.message });
      } else return;
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, [notification]);
  return null;
}
