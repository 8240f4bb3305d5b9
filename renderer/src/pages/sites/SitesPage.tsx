import { RegistryRoutes } from '../../components/RegistryDetail';
import { SiteDetail } from './SiteDetail';
import { SiteList } from './SiteList';

/** 教学点: the sites of the "1+X+N" model, and one site's page below it. */
export default function SitesPage() {
  return <RegistryRoutes list={<SiteList />} detail={<SiteDetail />} />;
}
