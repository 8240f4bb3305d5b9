import { Select, Skeleton, Tabs } from 'antd';
import { Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { useScheduleRefs, type ScheduleRefs } from '../../data/schedule/refs';
import '../schedule/schedule.css';
import { ClassPage } from './ClassPage';
import { ClassesTab } from './ClassesTab';
import { CoursesTab } from './CoursesTab';
import { PlansTab } from './PlansTab';

const TABS = ['classes', 'plans', 'courses'] as const;

function CurriculaTabs({ refs }: { refs: ScheduleRefs }) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = useParams()['*'] ?? '';
  const active = TABS.includes(tab as (typeof TABS)[number]) ? tab : 'classes';
  const years = [...new Set([...refs.classes.map((c) => c.year), ...refs.plans.map((p) => p.year), new Date().getFullYear()])].sort((a, b) => b - a);
  const yearParam = params.get('year');
  const year = yearParam === 'all' ? null : Number(yearParam) || new Date().getFullYear();
  const yearPicker = (
    <Select
      aria-label="年度"
      style={{ width: 120 }}
      value={year ?? 'all'}
      onChange={(v) => setParams({ year: String(v) }, { replace: true })}
      options={[...years.map((y) => ({ value: y, label: `${y} 年` })), { value: 'all', label: '全部年度' }]}
    />
  );
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => navigate(`/curricula/${key}${yearParam ? `?year=${yearParam}` : ''}`)}
      tabBarExtraContent={active === 'courses' ? undefined : yearPicker}
      items={[
        { key: 'classes', label: '培训班', children: <ClassesTab refs={refs} year={year} /> },
        { key: 'plans', label: '年度培训计划', children: <PlansTab refs={refs} year={year} /> },
        { key: 'courses', label: '课程库', children: <CoursesTab refs={refs} /> },
      ]}
    />
  );
}

/** 培训计划与课程: classes (each with its page), the year's training plans, and the course library. */
export default function CurriculaPage() {
  const refs = useScheduleRefs();
  return (
    <div className="dx-page">
      <h1 className="dx-page-title">培训计划与课程</h1>
      {!refs ? (
        <Skeleton active />
      ) : (
        <Routes>
          <Route path="classes/:id" element={<ClassPage refs={refs} />} />
          <Route path="*" element={<CurriculaTabs refs={refs} />} />
        </Routes>
      )}
    </div>
  );
}
