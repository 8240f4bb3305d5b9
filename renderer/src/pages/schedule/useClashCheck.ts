import { useLiveQuery } from 'dexie-react-hooks';
import type { Clash, SessionDraft } from '../../../../shared/rules/clashes';
import { checkDraftsClashes } from '../../data/schedule/clashContext';
import { useDebounced } from './useDebounced';

/**
 * The clashes of drafts as the user edits them, one list per draft. The check runs when
 * typing pauses and again whenever the timetable changes underneath (a live query); a result
 * is only ever given for the drafts as they are now, never a stale one: undefined means
 * "checking".
 */
export function useClashCheck(drafts: readonly SessionDraft[] | null): Clash[][] | undefined {
  const key = drafts ? JSON.stringify(drafts) : '';
  const settled = useDebounced(key, 200);
  const result = useLiveQuery(
    async () => ({ key: settled, clashes: settled ? await checkDraftsClashes(JSON.parse(settled) as SessionDraft[]) : [] }),
    [settled],
  );
  return result && result.key === key ? result.clashes : undefined;
}
