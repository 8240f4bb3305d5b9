import { Card } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { getSelfSchool } from '../../data/school';

/** The frame of the screens before the app: signing in, the locked screen, the first administrator. */
export function AuthFrame({ title, width = 440, children }: { title: ReactNode; width?: number; children: ReactNode }) {
  const school = useLiveQuery(getSelfSchool);
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '72px 16px' }}>
      <Card
        style={{ width }}
        title={
          <div style={{ padding: '8px 0' }}>
            <div style={{ fontSize: 20 }}>{title}</div>
            <div style={{ fontSize: 13, fontWeight: 400, color: 'rgba(0,0,0,.45)', marginTop: 4 }}>党校教务通{school ? ` · ${school.name}` : ''}</div>
          </div>
        }
      >
        {children}
      </Card>
    </div>
  );
}
