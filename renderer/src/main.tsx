import { createRoot } from 'react-dom/client';
import { App, readStartState, type StartState } from './App';
import { openDatabase } from './data/db';
import { setDb } from './data/instance';
import { rebuildStaleCaches } from './data/totals';
import { FatalScreen, RebuildingScreen } from './components/StartupScreens';
import 'antd/dist/antd.css';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

async function start() {
  let state: StartState;
  try {
    setDb(await openDatabase());
    await rebuildStaleCaches(() => root.render(<RebuildingScreen />));
    state = await readStartState();
  } catch (e) {
    root.render(<FatalScreen message={e instanceof Error ? e.message : String(e)} />);
    return;
  }
  // Ask the browser not to evict our data under storage pressure.
  void navigator.storage?.persist?.();
  root.render(<App start={state} />);
}

void start();
