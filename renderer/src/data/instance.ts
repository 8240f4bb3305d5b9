import type { DxDatabase } from './db';

/** The app's open database, set once at start-up (and replaced by tests). */
let current: DxDatabase | null = null;

export function setDb(db: DxDatabase | null): void {
  current = db;
}

export function db(): DxDatabase {
  if (!current) throw new Error('数据库尚未打开');
  return current;
}
