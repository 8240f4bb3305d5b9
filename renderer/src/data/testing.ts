import { saveSchoolProfile } from './school';

/** A school profile as first run creates it, for tests of the data layer. */
export function createTestSchool() {
  return saveSchoolProfile({ name: '鲁城街道党校', level: '镇街', parentName: '中共曲阜市委党校', code: '370881-01' });
}
