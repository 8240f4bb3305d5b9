import { describe, expect, it } from 'vitest';
import type { Instructor, Site, Trainee } from '../domain/records';
import { nameInitials } from './pinyin';
import { filterInstructors, filterSites, filterTrainees, queryTerms, traineeSearch } from './search';

const meta = { schoolId: 's1', createdAt: 0, updatedAt: 0, deletedAt: null, seq: 1 };
const trainee = (id: string, name: string, more: Partial<Trainee> = {}): Trainee => ({
  ...meta, id, name, gender: '男', idNumber: '', birthDate: null, phone: '', branch: '鲁源村党支部', village: '鲁源村',
  category: '普通党员', exempt: false, status: '在册', py: nameInitials(name), notes: '', ...more,
});

const people = [
  trainee('a', '张三', { idNumber: '370881196503081234' }),
  trainee('b', '张珊珊', { branch: '书院街道机关第一党支部', village: '书院街道办事处', category: '镇街干部' }),
  trainee('c', '孔祥林', { idNumber: '37088119500101002X', exempt: true }),
  trainee('d', '李四', { status: '退出' }),
  trainee('e', '王五', { deletedAt: 5 }),
  trainee('f', '赵六', { schoolId: 's2' }),
];
const names = (list: readonly { name: string }[]) => list.map((t) => t.name);

describe('queryTerms', () => {
  it('splits on spaces (full-width too) and drops blanks', () => {
    expect(queryTerms('  张　1234 ')).toEqual(['张', '1234']);
    expect(queryTerms('')).toEqual([]);
  });
});

describe('filterTrainees', () => {
  it('shows those on the roll, without tombstones, when nothing is typed', () => {
    expect(names(filterTrainees(people, { query: '' }))).toEqual(['张三', '张珊珊', '孔祥林', '赵六']);
  });

  it('finds by part of the name, by pinyin initials and by branch', () => {
    expect(names(filterTrainees(people, { query: '珊' }))).toEqual(['张珊珊']);
    expect(names(filterTrainees(people, { query: 'zs' }))).toEqual(['张三', '张珊珊']);
    expect(names(filterTrainees(people, { query: 'ZSS' }))).toEqual(['张珊珊']);
    expect(names(filterTrainees(people, { query: '机关第一' }))).toEqual(['张珊珊']);
  });

  it('finds by the end of the ID number, a lower-case x matching X, but not by its middle', () => {
    expect(names(filterTrainees(people, { query: '1234' }))).toEqual(['张三']);
    expect(names(filterTrainees(people, { query: '002x' }))).toEqual(['孔祥林']);
    expect(filterTrainees(people, { query: '19650308' })).toEqual([]);
  });

  it('requires every word to match', () => {
    expect(names(filterTrainees(people, { query: '张 1234' }))).toEqual(['张三']);
    expect(filterTrainees(people, { query: '张 孔' })).toEqual([]);
  });

  it('applies the filters', () => {
    expect(names(filterTrainees(people, { query: '', category: '镇街干部' }))).toEqual(['张珊珊']);
    expect(names(filterTrainees(people, { query: '', exempt: true }))).toEqual(['孔祥林']);
    expect(names(filterTrainees(people, { query: '', village: '鲁源村', schoolId: 's1' }))).toEqual(['张三', '孔祥林']);
    expect(names(filterTrainees(people, { query: '', branch: '书院街道机关第一党支部' }))).toEqual(['张珊珊']);
    expect(names(filterTrainees(people, { query: '', status: '退出' }))).toEqual(['李四']);
    expect(filterTrainees(people, { query: '', status: 'all' })).toHaveLength(5);
  });
});

describe('filterInstructors and filterSites', () => {
  const instructor = (name: string, more: Partial<Instructor> = {}): Instructor => ({
    ...meta, id: name, name, gender: null, category: '土专家', employment: '兼职', unit: '尼山镇果蔬专业合作社', post: '技术员', title: '',
    phone: '13805371234', topics: ['果树栽培'], appointmentStart: null, appointmentEnd: null, status: '在库', notes: '', ...more,
  });
  const pool = [instructor('孔令华'), instructor('颜廷文', { category: '党校教师', topics: ['党章党规'], status: '暂停', phone: '13905370000' })];
  const init = (x: { name: string }) => nameInitials(x.name);

  it('finds instructors by initials, topic, unit and phone suffix, with filters', () => {
    expect(names(filterInstructors(pool, { query: 'klh' }, init))).toEqual(['孔令华']);
    expect(names(filterInstructors(pool, { query: '党章' }, init))).toEqual(['颜廷文']);
    expect(names(filterInstructors(pool, { query: '合作社' }, init))).toEqual(['孔令华', '颜廷文']);
    expect(names(filterInstructors(pool, { query: '0000' }, init))).toEqual(['颜廷文']);
    expect(names(filterInstructors(pool, { query: '', status: '在库' }, init))).toEqual(['孔令华']);
    expect(names(filterInstructors(pool, { query: '', topic: '果树栽培', category: '土专家' }, init))).toEqual(['孔令华']);
  });

  it('finds sites by name, initials and place, with filters', () => {
    const site = (name: string, more: Partial<Site> = {}): Site => ({
      ...meta, id: name, kind: '现场教学点', name, town: '尼山镇', village: '', address: '', theme: '革命传统', capacity: 60, guide: '',
      guidePhone: '', courseIds: [], demoLevel: '无', openPeriods: [], status: '启用', notes: '', ...more,
    });
    const sites = [site('中共尼山地委旧址'), site('书院街道廉政文化长廊', { town: '书院街道', kind: '培训基地', status: '停用' })];
    expect(names(filterSites(sites, { query: 'zgns' }, init))).toEqual(['中共尼山地委旧址']);
    expect(names(filterSites(sites, { query: '书院' }, init))).toEqual(['书院街道廉政文化长廊']);
    expect(names(filterSites(sites, { query: '', kind: '培训基地' }, init))).toEqual(['书院街道廉政文化长廊']);
    expect(names(filterSites(sites, { query: '', status: '启用', town: '尼山镇' }, init))).toEqual(['中共尼山地委旧址']);
  });
});

describe('traineeSearch', () => {
  const byPy = (a: Trainee, b: Trainee) => (a.py < b.py ? -1 : a.py > b.py ? 1 : 0);
  const search = traineeSearch(people, byPy);
  const sorted = [...people].sort(byPy);

  it('lets through what filterTrainees does, in the list order', () => {
    const filters = [
      { query: '' }, { query: 'zs' }, { query: '张' }, { query: '1234' }, { query: '002x' }, { query: '鲁源' },
      { query: '', status: 'all' as const }, { query: '', exempt: true }, { query: 'z', schoolId: 's2' }, { query: '张 孔' },
    ];
    for (const filter of filters) expect(search.filter(filter)).toEqual(filterTrainees(sorted, filter));
    expect(names(search.filter({ query: '' }))).toEqual(['孔祥林', '赵六', '张三', '张珊珊']);
    expect(names(search.filter({ query: '', status: 'all' }))).toEqual(['孔祥林', '李四', '赵六', '张三', '张珊珊']);
  });

  it('agrees with filterTrainees on many random rolls and queries', () => {
    let seed = 7;
    // The high bits of a linear congruential generator (its low bits repeat with a short period).
    const random = (k: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 65536) % k);
    const pick = <V>(values: readonly V[]) => values[random(values.length)]!;
    const chars = '张王李孔颜孟曾周波珊三四林ab';
    const word = (length: number, from = chars) => Array.from({ length }, () => pick([...from])).join('');
    const id = () => `3708811965${word(7, '0123456789')}${pick(['X', '1', '4', '9'])}`;
    for (let roll = 0; roll < 20; roll++) {
      const list = Array.from({ length: 1 + random(60) }, (_, i) =>
        trainee(`t${i}`, word(1 + random(3)), {
          idNumber: random(4) ? id() : '', branch: `${word(2)}第${random(12)}党支部`, py: word(1 + random(3), 'zwlkysb'),
          status: pick(['在册', '在册', '退出', '转出'] as const), exempt: random(5) === 0, deletedAt: random(9) ? null : 1,
          schoolId: pick(['s1', 's2']),
        }),
      );
      const inOrder = [...list].sort(byPy);
      const searched = traineeSearch(list, byPy);
      const someId = list.find((t) => t.idNumber)?.idNumber ?? '1';
      for (let q = 0; q < 30; q++) {
        const words = Array.from({ length: 1 + random(2) }, () =>
          pick([word(1 + random(2)), word(1 + random(2), 'zwlkysbZW'), someId.slice(-1 - random(5)).toLowerCase(), String(random(12)), '第', '党支部']),
        );
        const filter = { query: words.join(pick([' ', '　'])), status: pick(['在册', 'all', undefined] as const), schoolId: pick([null, 's2']) };
        expect(searched.filter(filter), JSON.stringify(filter)).toEqual(filterTrainees(inOrder, filter));
      }
    }
  });

  it('keeps the trainees as given', () => {
    expect(search.all).toBe(people);
    expect(traineeSearch([], byPy).filter({ query: 'zs' })).toEqual([]);
  });
});
