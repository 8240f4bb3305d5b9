/**
 * Search in the registries as the office types: a name or part of it, pinyin initials
 * (zs finds 张三), a Party branch or village, or the last digits of an ID number. Pure, so
 * the trainee list can filter 40,000 records in memory on every keystroke and the
 * benchmark can measure exactly what the list runs.
 */
import type { TraineeCategory } from '../domain/constants';
import type { Instructor, Site, Trainee } from '../domain/records';
import { toHalfWidth } from '../import/normalise';

/** The words of a query: half-width, split on spaces; every word must match. */
export function queryTerms(query: string): string[] {
  return toHalfWidth(query).trim().split(/\s+/).filter((t) => t !== '');
}

/** A query word, prepared once per query rather than once per record. */
interface Term {
  text: string;
  /** Lower-case letters only: also matched against the start of the pinyin initials. */
  initials: string | null;
  /** Digits (with a final X): also matched against the end of an ID number. */
  idSuffix: string | null;
}

function prepare(query: string): Term[] {
  return queryTerms(query).map((text) => ({
    text,
    initials: /^[a-z]+$/i.test(text) ? text.toLowerCase() : null,
    idSuffix: /^\d+[xX]?$/.test(text) ? text.toUpperCase() : null,
  }));
}

/** How a term finds a record: `contains` in any of the texts, or `startsWith` the initials. */
function termMatches(term: Term, texts: readonly string[], initials: string): boolean {
  if (term.initials !== null && initials.startsWith(term.initials)) return true;
  return texts.some((t) => t.includes(term.text));
}

export type TraineeStatusFilter = Trainee['status'] | 'all';

export interface TraineeFilter {
  query: string;
  category?: TraineeCategory | null;
  branch?: string | null;
  village?: string | null;
  exempt?: boolean | null;
  /** 在册 by default: those who left (退出) or moved (转出) are looked up on purpose. */
  status?: TraineeStatusFilter;
  schoolId?: string | null;
}

type SearchableTrainee = Pick<
  Trainee, 'name' | 'py' | 'branch' | 'village' | 'idNumber' | 'category' | 'exempt' | 'status' | 'schoolId' | 'deletedAt'
>;

/** Whether a trainee passes a filter's dropdowns and status (all but the typed words). */
function narrowingTest(filter: TraineeFilter): (t: SearchableTrainee) => boolean {
  const status = filter.status ?? '在册';
  const { category, branch, village, exempt, schoolId } = filter;
  return (t) =>
    t.deletedAt === null &&
    (status === 'all' || t.status === status) &&
    (!category || t.category === category) &&
    (!branch || t.branch === branch) &&
    (!village || t.village === village) &&
    (exempt == null || t.exempt === exempt) &&
    (!schoolId || t.schoolId === schoolId);
}

/** Whether a trainee passes a filter: the filter prepared once, then asked of every trainee. */
function traineeTest(filter: TraineeFilter): (t: SearchableTrainee) => boolean {
  const terms = prepare(filter.query);
  const narrowed = narrowingTest(filter);
  return (t) => {
    if (!narrowed(t)) return false;
    for (const term of terms) {
      const found = (term.idSuffix !== null && t.idNumber.endsWith(term.idSuffix)) ||
        (term.initials !== null && t.py.startsWith(term.initials)) ||
        t.name.includes(term.text) || t.branch.includes(term.text);
      if (!found) return false;
    }
    return true;
  };
}

/**
 * The trainees a list shows for a filter, in the order given. A query word matches by name
 * (contains), pinyin initials (starts with), branch (contains) or ID number (ends with, so
 * the last 4–6 digits on a form find the person; an x matches X).
 */
export function filterTrainees<T extends SearchableTrainee>(trainees: readonly T[], filter: TraineeFilter): T[] {
  return trainees.filter(traineeTest(filter));
}

/** A list's trainees prepared once for filterTrainees on every keystroke. */
export interface TraineeSearch<T> {
  /** Every trainee, in the order given. */
  readonly all: readonly T[];
  /** The trainees a filter lets through, in the list's order. */
  filter(filter: TraineeFilter): T[];
}

/** Between the values of a text column; a value holding it has it replaced by a space. */
const SEP = '\u0000';

/**
 * One field of every trainee as a single string, each value between separators, so a query
 * word is found in all 40,000 by a few native `indexOf` scans rather than 40,000 calls.
 */
class TextColumn {
  private readonly text: string;
  /** Where row i's separator stands (its value follows); one more entry for the final separator. */
  private readonly starts: Int32Array;

  constructor(values: readonly string[]) {
    this.starts = new Int32Array(values.length + 1);
    let at = 0;
    const clean = values.map((v, i) => {
      this.starts[i] = at;
      const value = v.includes(SEP) ? v.replaceAll(SEP, ' ') : v;
      at += value.length + 1;
      return value;
    });
    this.starts[values.length] = at;
    this.text = `${SEP}${clean.join(SEP)}${SEP}`;
  }

  /** The row whose value (or separator before it) holds position `at`. */
  private rowAt(at: number): number {
    let [low, high] = [0, this.starts.length - 2];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Call `found` with each row whose value holds `needle` (built with separators for starts/ends with). */
  private scan(needle: string, found: (row: number) => void): void {
    for (let at = this.text.indexOf(needle); at >= 0; ) {
      const row = this.rowAt(at);
      found(row);
      at = this.text.indexOf(needle, this.starts[row + 1]!);
    }
  }

  includes(word: string, found: (row: number) => void): void {
    if (!word.includes(SEP)) this.scan(word, found);
  }

  startsWith(word: string, found: (row: number) => void): void {
    if (!word.includes(SEP)) this.scan(SEP + word, found);
  }

  endsWith(word: string, found: (row: number) => void): void {
    if (!word.includes(SEP)) this.scan(word + SEP, found);
  }
}

/**
 * Prepare trainees for a list shown in `compare` order. Each typed word is looked for in the
 * text columns (name and branch contain it, initials start with it, ID numbers end with it);
 * the dropdowns are then asked only of the rows every word found, and the matches put in the
 * list's order by their rank in it.
 */
export function traineeSearch<T extends SearchableTrainee>(trainees: readonly T[], compare: (a: T, b: T) => number): TraineeSearch<T> {
  const n = trainees.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => compare(trainees[a]!, trainees[b]!));
  const rank = new Int32Array(n);
  order.forEach((i, r) => (rank[i] = r));
  const sorted = order.map((i) => trainees[i]!);
  const column = (field: 'name' | 'branch' | 'py' | 'idNumber') => new TextColumn(trainees.map((t) => t[field]));
  const [names, branches, initials, idNumbers] = [column('name'), column('branch'), column('py'), column('idNumber')];
  return {
    all: trainees,
    filter(filter) {
      const terms = prepare(filter.query);
      // matched[i]: how many words, in order, row i has been found by.
      const matched = new Uint16Array(n);
      terms.forEach((term, k) => {
        const found = (row: number) => {
          if (matched[row] === k) matched[row] = k + 1;
        };
        if (term.idSuffix !== null) idNumbers.endsWith(term.idSuffix, found);
        if (term.initials !== null) initials.startsWith(term.initials, found);
        names.includes(term.text, found);
        branches.includes(term.text, found);
      });
      const narrowed = narrowingTest(filter);
      const hit = new Uint8Array(n);
      let count = 0;
      for (let i = 0; i < n; i++) {
        if (matched[i] === terms.length && narrowed(trainees[i]!)) {
          hit[rank[i]!] = 1;
          count++;
        }
      }
      const out: T[] = [];
      for (let r = 0; out.length < count; r++) if (hit[r]) out.push(sorted[r]!);
      return out;
    },
  };
}

export interface InstructorFilter {
  query: string;
  category?: Instructor['category'] | null;
  employment?: Instructor['employment'] | null;
  status?: Instructor['status'] | 'all';
  topic?: string | null;
}

/**
 * Instructors by name, initials, unit, post or topic (contains) or phone (ends with).
 * `initials` gives each instructor's name initials (computed once by the caller).
 */
export function filterInstructors<T extends Instructor>(
  instructors: readonly T[], filter: InstructorFilter, initials: (i: T) => string,
): T[] {
  const terms = prepare(filter.query);
  const status = filter.status ?? 'all';
  return instructors.filter(
    (i) =>
      i.deletedAt === null &&
      (status === 'all' || i.status === status) &&
      (!filter.category || i.category === filter.category) &&
      (!filter.employment || i.employment === filter.employment) &&
      (!filter.topic || i.topics.includes(filter.topic)) &&
      terms.every(
        (term) =>
          (term.idSuffix !== null && i.phone.endsWith(term.idSuffix)) ||
          termMatches(term, [i.name, i.unit, i.post, ...i.topics], initials(i)),
      ),
  );
}

export interface SiteFilter {
  query: string;
  kind?: Site['kind'] | null;
  town?: string | null;
  status?: Site['status'] | 'all';
}

/** Sites by name, initials, town, village, address, theme or guide (contains). */
export function filterSites<T extends Site>(sites: readonly T[], filter: SiteFilter, initials: (s: T) => string): T[] {
  const terms = prepare(filter.query);
  const status = filter.status ?? 'all';
  return sites.filter(
    (s) =>
      s.deletedAt === null &&
      (status === 'all' || s.status === status) &&
      (!filter.kind || s.kind === filter.kind) &&
      (!filter.town || s.town === filter.town) &&
      terms.every((term) => termMatches(term, [s.name, s.town, s.village, s.address, s.theme, s.guide], initials(s))),
  );
}
