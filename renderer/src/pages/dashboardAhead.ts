import { readAhead } from '../data/ahead';
import { dashboardStats } from '../data/stats';

/** The key of the home page's figures for a year and a choice of schools (all when undefined). */
export const dashboardKey = (year: number, schoolIds: readonly string[] | undefined): string =>
  `dashboard:${year}:${schoolIds?.join() ?? ''}`;

/** Read this year's figures for every school in the database, as the home page opens after signing in. */
export function readDashboardAhead(): void {
  const year = new Date().getFullYear();
  readAhead(dashboardKey(year, undefined), () => dashboardStats(year, undefined));
}
