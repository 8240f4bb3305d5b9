import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      ...forbid(['**/main/**', 'electron', 'node:*'], 'renderer/ may import shared/ only, never main/ or Node/Electron.'),
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: forbid(['**/renderer/**', 'react', 'dexie'], 'main/ may import shared/ only, never renderer/.'),
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: forbid(
      ['**/main/**', '**/renderer/**', 'electron', 'node:*', 'react', 'react-dom', 'dexie', 'antd'],
      'shared/ is pure TypeScript: no DOM, Node, Electron, React or database imports.',
    ),
  },
);
