import { Route, Routes } from 'react-router';
import CalendarPage from './CalendarPage';
import SignInSheet from './SignInSheet';

/** 课表: the calendar, and each session's sign-in sheet below it. */
export default function SchedulePage() {
  return (
    <Routes>
      <Route path="sessions/:id/sign-in" element={<SignInSheet />} />
      <Route path="*" element={<CalendarPage />} />
    </Routes>
  );
}
