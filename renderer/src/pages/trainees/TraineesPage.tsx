import { RegistryRoutes } from '../../components/RegistryDetail';
import { TraineeDetail } from './TraineeDetail';
import { TraineeList } from './TraineeList';

/** 学员: the list, and one trainee's page below it. */
export default function TraineesPage() {
  return <RegistryRoutes list={<TraineeList />} detail={<TraineeDetail />} />;
}
