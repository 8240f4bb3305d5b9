// Bundles the Electron main process and preload into dist/main. Everything but Electron itself
// (shared/, zod) goes into the bundles: the packaged app loads nothing from node_modules, and a
// sandboxed preload can only require('electron'), so it must be one self-contained file.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['main/main.ts'], outfile: 'dist/main/main.cjs', target: 'node22' }),
  // The preload runs in the renderer's Chromium.
  build({ ...common, entryPoints: ['main/preload.ts'], outfile: 'dist/main/preload.cjs', target: 'chrome142' }),
]);
