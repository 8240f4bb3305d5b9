import { Tabs } from 'antd';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { DayView } from './DayView';
import { ExternalHoursTab } from './ExternalHoursTab';
import { LedgerPage } from './LedgerPage';
import { SessionPage } from './SessionPage';
import './attendance.css';

function AttendanceHome() {
  const navigate = useNavigate();
  const external = useLocation().pathname.startsWith('/attendance/external');
  return (
    <div className="dx-page">
      <h1 className="dx-page-title">考勤</h1>
      <Tabs
        activeKey={external ? 'external' : 'sessions'}
        onChange={(key) => navigate(key === 'external' ? '/attendance/external' : '/attendance')}
        items={[
          { key: 'sessions', label: '课次点名', children: external ? null : <DayView /> },
          { key: 'external', label: '外部学时', children: external ? <ExternalHoursTab /> : null },
        ]}
      />
    </div>
  );
}

/** 考勤: the day's sessions and their rosters, closing and corrections, evaluations, external hours. */
export default function AttendancePage() {
  return (
    <Routes>
      <Route index element={<AttendanceHome />} />
      <Route path="external" element={<AttendanceHome />} />
      <Route path="session/:id" element={<SessionPage />} />
      <Route path="ledger/:traineeId" element={<LedgerPage />} />
      <Route path="*" element={<AttendanceHome />} />
    </Routes>
  );
}
