import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAhead, takeAhead } from './ahead';
import { openDatabase, type DxDatabase } from './db';
import { setDb } from './instance';
import { newId } from './write';

let d: DxDatabase;
beforeEach(async () => {
  d = await openDatabase('ahead-' + newId());
  setDb(d);
});
afterEach(() => {
  d.close();
  setDb(null);
});

/** Resolves once `read` has run and its result has been kept (or not). */
async function readNow<T>(key: string, value: T): Promise<void> {
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  readAhead(key, async () => {
    queueMicrotask(done);
    return value;
  });
  await finished;
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('figures read ahead of the home page', () => {
  it('are given to the page once', async () => {
    await readNow('figures', { trainees: 300 });
    expect(takeAhead('figures')).toEqual({ trainees: 300 });
    expect(takeAhead('figures')).toBeUndefined();
  });

  it('survive what signing in writes (the trail, the account), but not a write to the data', async () => {
    await readNow('figures', { trainees: 300 });
    await d.transaction('rw', [d.meta, d.accounts], async () => {
      await d.meta.put({ key: 'probe', value: 1 });
      await d.accounts.clear();
    });
    expect(takeAhead('figures')).toEqual({ trainees: 300 });

    await readNow('figures', { trainees: 300 });
    await d.settings.put({ key: 'hourRules', value: {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(takeAhead('figures')).toBeUndefined();
  });

  it('are not kept when the data changed while they were read', async () => {
    let finish!: (v: number) => void;
    readAhead('figures', () => new Promise<number>((resolve) => (finish = resolve)));
    await d.settings.put({ key: 'hourRules', value: {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
    finish(300);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(takeAhead('figures')).toBeUndefined();
  });
});
