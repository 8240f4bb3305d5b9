import { App as AntApp, ConfigProvider, Spin, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useLiveQuery } from 'dexie-react-hooks';
import { HashRouter, Route, Routes } from 'react-router';
import { AREAS } from './areas';
import { AppLayout } from './components/AppLayout';
import { UnhandledErrorNotice } from './components/UnhandledErrorNotice';
import { AccessProvider, readAccess, useAccess, type Access } from './data/auth/permissions';
import { db } from './data/instance';
import { useReducedMotion } from './hooks/useReducedMotion';
import FirstRun from './pages/FirstRun';
import Login from './pages/Login';
import { SignedIn } from './pages/accounts/SignedIn';

dayjs.locale('zh-cn');

/** Whether first run is done: the flag, or null on a fresh database. */
const readSetupDone = async (): Promise<boolean | null> => ((await db().meta.get('setupDone'))?.value as boolean) ?? null;

/** What decides the first screen (sign-in, first run or the app), read before the window first draws. */
export interface StartState {
  access: Access;
  setupDone: boolean | null;
}

export const readStartState = async (): Promise<StartState> => {
  const [access, setupDone] = await Promise.all([readAccess(), readSetupDone()]);
  return { access, setupDone };
};

function Shell({ initialSetupDone }: { initialSetupDone?: boolean | null }) {
  // undefined while reading (when not read before the first draw).
  const setupDone = useLiveQuery(readSetupDone, [], initialSetupDone);
  const access = useAccess();
  if (setupDone === undefined || access === undefined) return <Spin fullscreen />;
  // Once any account exists, nothing (not even the rest of first run) is shown before signing in.
  if (access.accounts > 0 && !access.account) return <Login />;
  if (!setupDone) return <FirstRun />;
  return (
    <SignedIn account={access.account}>
      <Routes>
        <Route element={<AppLayout />}>
          {AREAS.map((a) => (
            <Route key={a.path} path={a.path === '/' ? '/' : `${a.path}/*`} element={a.element} />
          ))}
          <Route path="*" element={AREAS[0]!.element} />
        </Route>
      </Routes>
    </SignedIn>
  );
}

// Components' styles come from antd's prebuilt stylesheet (imported in main.tsx) instead of being
// generated in the page as each kind of component first draws: the first screens draw sooner.
// Our colours still reach every component through antd's CSS variables.
const THEME = {
  moving: { zeroRuntime: true, token: { colorPrimary: '#b71c1c', borderRadius: 6 } },
  still: { zeroRuntime: true, token: { colorPrimary: '#b71c1c', borderRadius: 6, motion: false } },
} satisfies Record<string, ThemeConfig>;

/**
 * The app. `start`, read before the first draw, lets the window show its first screen (the
 * sign-in form) at once rather than a spinner and then the form.
 */
export function App({ start }: { start?: StartState }) {
  const motion = !useReducedMotion();
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME[motion ? 'moving' : 'still']}>
      <AntApp>
        <UnhandledErrorNotice />
        <HashRouter>
          <AccessProvider initial={start?.access}>
            <Shell initialSetupDone={start?.setupDone} />
          </AccessProvider>
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  );
}
