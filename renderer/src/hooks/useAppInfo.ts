import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/desktop-api';
import { desktop } from '../bridge';

export function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void desktop.appInfo().then((r) => r.ok && setInfo(r.value));
  }, []);
  return info;
}
