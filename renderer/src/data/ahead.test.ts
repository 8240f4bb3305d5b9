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

const writeData = () => d.settings.put({ key: 'hourRules', value: {}, updatedAt: Date.now() });
/** The read ahead for `key`, awaited: its result, or undefined when there is none or it was dropped. */
const taken = async (key: string) => {
  const ahead = takeAhead(key);
  return ahead && (await ahead.promise);
};
/** A read that finishes when told to. */
function slowRead<T>(value: T) {
  let finish!: () => void;
  const read = () => new Promise<T>((resolve) => (finish = () => resolve(value)));
  return { read, finish: () => finish() };
}

describe('figures read ahead of the home page', () => {
  it('are given to the page once, as a value once the read has finished', async () => {
    readAhead('figures', async () => ({ trainees: 300 }));
    const first = takeAhead('figures');
    expect(await first!.promise).toEqual({ trainees: 300 });
    expect(first!.value).toEqual({ trainees: 300 });
    expect(takeAhead('figures')).toBeUndefined();
  });

  it('survive what signing in writes (the trail, the account), but not a write to the data', async () => {
    readAhead('figures', async () => ({ trainees: 300 }));
    await d.transaction('rw', [d.meta, d.accounts], async () => {
      await d.meta.put({ key: 'probe', value: 1 });
      await d.accounts.clear();
    });
    expect(await taken('figures')).toEqual({ trainees: 300 });

    readAhead('figures', async () => ({ trainees: 300 }));
    await writeData();
    expect(await taken('figures')).toBeUndefined();
  });

  it('are read once while a read is under way or its result is current', async () => {
    let reads = 0;
    const read = async () => ({ trainees: 300 + reads++ });
    readAhead('figures', read);
    readAhead('figures', read);
    expect(await taken('figures')).toEqual({ trainees: 300 });
    readAhead('figures', read);
    expect(await taken('figures')).toEqual({ trainees: 301 });
    expect(reads).toBe(2);
  });

  it('come to nothing when the data changed while they were read, even if taken meanwhile', async () => {
    const { read, finish } = slowRead({ trainees: 300 });
    readAhead('figures', read);
    const pending = takeAhead('figures')!;
    await writeData();
    finish();
    expect(await pending.promise).toBeUndefined();
    expect(pending.value).toBeUndefined();
  });
});
