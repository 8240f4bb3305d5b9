// Starts the built app: in Electron when its binary is installed, otherwise (or with --web) in
// the browser through a local static server, saying why, in Chinese and English.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const rendererRoot = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/** The Electron executable, or null: the npm package throws when its binary was never downloaded. */
function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function startElectron(binary) {
  // A leftover ELECTRON_RUN_AS_NODE (some editors set it) would run Electron as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

async function startBrowserMode(reason) {
  if (!existsSync(`${rendererRoot}/index.html`)) {
    console.error('找不到 dist/renderer/index.html，请先运行 npm run build / Renderer not built: run `npm run build` first.');
    process.exit(1);
  }
  const { url } = await startStaticServer({ root: rendererRoot, port: Number(process.env.PORT ?? 5180) });
  console.log(`${reason.zh}，已改为浏览器模式：${url}`);
  console.log(`${reason.en}; browser mode: ${url}`);
  console.log('按 Ctrl+C 停止 / Press Ctrl+C to stop.');
  // Nothing to flush: the server only reads files.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
}

const binary = process.argv.includes('--web') ? null : electronBinary();
if (binary) {
  startElectron(binary);
} else {
  await startBrowserMode(
    process.argv.includes('--web')
      ? { zh: '按 --web 参数要求', en: 'Requested with --web' }
      : {
          zh: '未找到 Electron 可执行文件（此机器无法下载）',
          en: 'Electron executable not found (it could not be downloaded on this machine)',
        },
  );
}
