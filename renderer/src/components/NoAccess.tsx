import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import type { Role } from '../../../shared/security/roles';

/**
 * What a page or tab the signed-in account may not use shows instead of itself (reached by
 * a direct address or a link kept from another account): what it is, why, and the way back.
 */
export function NoAccess({ what, role }: { what: string; role: Role }) {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={`无权使用「${what}」`}
      subTitle={`当前账户的角色是“${role}”，不能使用「${what}」。如需使用，请联系本校管理员调整账户角色。`}
      extra={<Button type="primary" onClick={() => navigate('/')}>回到首页</Button>}
    />
  );
}
