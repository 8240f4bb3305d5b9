import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config.ts';

// The app and the benchmark page in one build, so they share an origin (and so IndexedDB):
// cold start is measured on the real app over data the benchmark page loaded.
export default mergeConfig(
  base,
  defineConfig({
    build: {
      outDir: '../dist/bench',
      rollupOptions: {
        input: {
          app: fileURLToPath(new URL('renderer/index.html', import.meta.url)),
          bench: fileURLToPath(new URL('renderer/bench.html', import.meta.url)),
        },
      },
    },
  }),
);
