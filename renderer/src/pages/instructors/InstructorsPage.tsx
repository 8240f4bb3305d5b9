import { RegistryRoutes } from '../../components/RegistryDetail';
import { InstructorDetail } from './InstructorDetail';
import { InstructorList } from './InstructorList';

/** 师资库: the instructor pool, and one instructor's page below it. */
export default function InstructorsPage() {
  return <RegistryRoutes list={<InstructorList />} detail={<InstructorDetail />} />;
}
