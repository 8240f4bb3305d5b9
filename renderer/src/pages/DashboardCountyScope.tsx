import { Select } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { countySchools } from '../data/exchange/county';
import { useMode } from '../data/exchange/state';

export interface CountyScope {
  county: boolean;
  /** The schools chosen in the filter; undefined for all of them. */
  schoolIds: string[] | undefined;
  /** The filter, for the page to place (null outside county mode). */
  filter: ReactNode;
}

/** The county's school filter on the dashboard, kept in the URL so a reload shows the same. */
export function useCountyScope(): CountyScope | undefined {
  const mode = useMode();
  const [params, setParams] = useSearchParams();
  const schools = useLiveQuery(() => (mode === 'county' ? countySchools() : []), [mode]);
  if (!mode || !schools) return undefined;
  if (mode !== 'county') return { county: false, schoolIds: undefined, filter: null };
  const chosen = (params.get('schools') ?? '').split(',').filter((id) => schools.some((s) => s.id === id));
  const schoolIds = chosen.length ? chosen : undefined;
  const filter = (
    <Select
      aria-label="党校"
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={`全部党校（${schools.length} 所）`}
      style={{ minWidth: 260, maxWidth: 520 }}
      value={chosen}
      optionFilterProp="label"
      options={schools.map((s) => ({ value: s.id, label: s.name }))}
      onChange={(ids: string[]) =>
        setParams((prev) => {
          const next = new URLSearchParams(prev);
          if (ids.length) next.set('schools', ids.join(','));
          else next.delete('schools');
          return next;
        }, { replace: true })
      }
    />
  );
  return { county: true, schoolIds, filter };
}
