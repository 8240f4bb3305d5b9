import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useLiveQuery } from 'dexie-react-hooks';
import { HashRouter, Route, Routes } from 'react-router';
import { AREAS } from './areas';
import { AppLayout } from './components/AppLayout';
import { db } from './data/instance';
import FirstRun from './pages/FirstRun';

dayjs.locale('zh-cn');

function Shell() {
  // undefined while reading; then the flag, or null on a fresh database.
  const setupDone = useLiveQuery(async () => ((await db().meta.get('setupDone'))?.value as boolean) ?? null);
  if (setupDone === undefined) return <Spin fullscreen />;
  if (!setupDone) return <FirstRun />;
  return (
    <Routes>
      <Route element={<AppLayout />}>
        {AREAS.map((a) => (
          <Route key={a.path} path={a.path === '/' ? '/' : `${a.path}/*`} element={a.element} />
        ))}
        <Route path="*" element={AREAS[0]!.element} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 6 } }}>
      <AntApp>
        <HashRouter>
          <Shell />
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  );
}
