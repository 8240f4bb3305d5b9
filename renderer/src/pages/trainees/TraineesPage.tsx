import { lazy } from 'react';
import { RegistryRoutes } from '../../components/RegistryDetail';
import { TraineeList } from './TraineeList';

// A trainee's page (ledger, history, date pickers) loads when one is opened, not with the list.
const TraineeDetail = lazy(() => import('./TraineeDetail').then((m) => ({ default: m.TraineeDetail })));

/** 学员: the list, and one trainee's page below it. */
export default function TraineesPage() {
  return <RegistryRoutes list={<TraineeList />} detail={<TraineeDetail />} />;
}
