/** For tests of the exchange: several installations in one process, each its own database. */
import { openDatabase, type DxDatabase } from '../db';
import { setDb } from '../instance';
import { loadSampleData } from '../sample';
import { saveSchoolProfile } from '../school';
import { newId } from '../write';
import { enterExchangeCode, getExchangeSettings, setMode } from './state';

export const COUNTY_NAME = '中共曲阜市委党校';

/** The installations named, opened empty; `at` runs work against one of them. */
export async function installations<K extends string>(names: readonly K[]) {
  const dbs = {} as Record<K, DxDatabase>;
  for (const name of names) dbs[name] = await openDatabase(`exchange-${name}-${newId()}`);
  return {
    at<T>(who: K, work: () => Promise<T>): Promise<T> {
      setDb(dbs[who]);
      return work();
    },
    close(): void {
      for (const d of Object.values<DxDatabase>(dbs)) d.close();
      setDb(null);
    },
  };
}

/** Inside `at`: this installation becomes the county office; its exchange code. */
export async function becomeCounty(): Promise<string> {
  await saveSchoolProfile({ name: COUNTY_NAME, level: '市', parentName: '', code: '370881' });
  await setMode('county');
  return (await getExchangeSettings()).code!;
}

/** Inside `at`: this installation becomes a school under the county, with sample data. */
export async function becomeSchool(name: string, code: string, sample: { trainees: number; sessions: number }): Promise<void> {
  await saveSchoolProfile({ name, level: '镇街', parentName: COUNTY_NAME, code: '' });
  await enterExchangeCode(code.toLowerCase());
  await loadSampleData({ schools: 1, ...sample });
}
