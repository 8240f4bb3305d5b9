import { readAhead } from '../data/ahead';
import { dashboardStats } from '../data/stats';

/** The key of the home page's figures of a year, for every school (as it opens after signing in). */
export const dashboardKey = (year: number): string => `dashboard:${year}`;

/** Read this year's figures for every school in the database, as the home page opens after signing in. */
export function readDashboardAhead(): void {
  const year = new Date().getFullYear();
  readAhead(dashboardKey(year), () => dashboardStats(year, undefined));
}
