import { useLiveQuery } from 'dexie-react-hooks';
import { useSearchParams } from 'react-router';
import type { School } from '../../../../shared/domain/records';
import type { ReportMeta } from './ReportFrame';
import { reportYears, schoolsWithData, yearPeriod, type Period, type PeriodScope } from '../../data/reports/scope';
import { getSelfSchool } from '../../data/school';

/** Parts of a year a period report can cover; 'custom' takes its dates from the URL. */
export const PERIOD_PRESETS = {
  year: '全年',
  h1: '上半年',
  h2: '下半年',
  q1: '第一季度',
  q2: '第二季度',
  q3: '第三季度',
  q4: '第四季度',
  custom: '自定义',
} as const;
export type PeriodPreset = keyof typeof PERIOD_PRESETS;

const PRESET_MONTHS: Record<Exclude<PeriodPreset, 'custom'>, [string, string]> = {
  year: ['01-01', '12-31'],
  h1: ['01-01', '06-30'],
  h2: ['07-01', '12-31'],
  q1: ['01-01', '03-31'],
  q2: ['04-01', '06-30'],
  q3: ['07-01', '09-30'],
  q4: ['10-01', '12-31'],
};

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function presetPeriod(year: number, preset: PeriodPreset, from?: string | null, to?: string | null): Period {
  if (preset === 'custom') {
    const whole = yearPeriod(year);
    // A custom range stays inside its year: hours belong to the calendar year of the session.
    const clamp = (d: string | null | undefined, fallback: string) =>
      d && isoDay.test(d) && d.startsWith(`${year}-`) ? d : fallback;
    const f = clamp(from, whole.from);
    const t = clamp(to, whole.to);
    return f <= t ? { from: f, to: t } : { from: t, to: f };
  }
  const [f, t] = PRESET_MONTHS[preset];
  return { from: `${year}-${f}`, to: `${year}-${t}` };
}

/** 2026年全年, 2026年1月1日至6月30日 */
export function periodLabel(period: Period): string {
  const y = period.from.slice(0, 4);
  if (period.from === `${y}-01-01` && period.to === `${y}-12-31`) return `${y}年全年`;
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return `${y}年${md(period.from)}至${md(period.to)}`;
}

/** The schools a report covers, in words: one name, a few names, or "X等N所党校". */
export function schoolsLabel(chosen: School[] | null, withData: School[], self: School | undefined): string {
  if (chosen) return chosen.length <= 3 ? chosen.map((s) => s.name).join('、') : `${chosen[0]!.name}等${chosen.length}所党校`;
  const own = self?.name ?? '';
  return withData.length > 1 ? `${own}（全部${withData.length}所党校）` : own;
}

export interface ReportScopeState {
  year: number;
  preset: PeriodPreset;
  period: Period;
  /** undefined: every school in the database. */
  schoolIds: string[] | undefined;
  years: number[];
  schools: School[];
  schoolsText: string;
  set: (changes: Partial<{ year: number; preset: PeriodPreset; from: string; to: string; schoolIds: string[] | undefined }>) => void;
}

/** Year, period and schools of the reports, kept in the URL so a reload shows the same report. */
export function useReportScope(): ReportScopeState | undefined {
  const [params, setParams] = useSearchParams();
  const current = new Date().getFullYear();
  const year = Number(params.get('year')) || current;
  const presetParam = params.get('period') as PeriodPreset | null;
  const preset: PeriodPreset = presetParam && presetParam in PERIOD_PRESETS ? presetParam : 'year';
  const schoolParam = params.get('schools');
  const data = useLiveQuery(async () => {
    const [years, schools, self] = await Promise.all([reportYears(current), schoolsWithData(), getSelfSchool()]);
    return { years, schools, self };
  }, [current]);
  if (!data) return undefined;
  const chosenIds = schoolParam ? schoolParam.split(',').filter((id) => data.schools.some((s) => s.id === id)) : [];
  const schoolIds = chosenIds.length ? chosenIds : undefined;
  const chosen = schoolIds ? data.schools.filter((s) => schoolIds.includes(s.id)) : null;
  return {
    year,
    preset,
    period: presetPeriod(year, preset, params.get('from'), params.get('to')),
    schoolIds,
    years: data.years.includes(year) ? data.years : [...data.years, year].sort((a, b) => b - a),
    schools: data.schools,
    schoolsText: schoolsLabel(chosen, data.schools, data.self),
    set: (changes) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const put = (key: string, value: string | undefined) => (value ? next.set(key, value) : next.delete(key));
          if (changes.year !== undefined) put('year', String(changes.year));
          if (changes.preset !== undefined) put('period', changes.preset === 'year' ? undefined : changes.preset);
          if (changes.from !== undefined) put('from', changes.from);
          if (changes.to !== undefined) put('to', changes.to);
          if ('schoolIds' in changes) put('schools', changes.schoolIds?.join(','));
          return next;
        },
        { replace: true },
      ),
  };
}

/** A period report's rows, recomputed when the period, the schools or the data change; undefined while computing. */
export function usePeriodReport<T>(scope: ReportScopeState, compute: (s: PeriodScope) => Promise<T>): T | undefined {
  return useLiveQuery(
    () => compute({ period: scope.period, schoolIds: scope.schoolIds }),
    // `compute` is a module-level report function, the same on every render of a page.
    [scope.period.from, scope.period.to, scope.schoolIds?.join()],
  );
}

/** The heading, schools and period of a period report, without filters of its own. */
export const periodMeta = (scope: ReportScopeState, heading: string, landscape = false): ReportMeta => ({
  heading,
  schools: scope.schoolsText,
  period: periodLabel(scope.period),
  filters: '',
  landscape,
});
