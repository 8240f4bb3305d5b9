import { Result, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Account } from '../../../../shared/security/account';
import { useIdleLock } from '../../data/auth/idle';
import { useSession } from '../../data/auth/session';
import { useSetting } from '../../data/settings';
import LockScreen from '../LockScreen';
import { AdminAccountForm } from './AdminAccountForm';
import { AuthFrame } from './AuthFrame';
import { ChangePasswordForm } from './ChangePasswordForm';

/**
 * The app once set up, for the signed-in account: a database from before accounts first gets
 * its administrator; a password an administrator set is changed before anything else; the
 * screen locks on request or after the idle time, over the app, which stays as it was.
 */
export function SignedIn({ account, children }: { account: Account | null; children: ReactNode }) {
  const { locked } = useSession();
  const security = useSetting('security');
  useIdleLock(security?.idleLockMinutes, !!account && !locked);
  if (!account) {
    return (
      <AuthFrame title="创建管理员账户" width={600}>
        <Typography.Paragraph>
          这份数据创建于启用账户功能之前。为保护数据，请先为本校创建管理员账户，之后每次使用都需要登录。
        </Typography.Paragraph>
        <AdminAccountForm submitText="创建并登录" onCreated={() => undefined} />
      </AuthFrame>
    );
  }
  if (account.mustChangePassword) {
    return (
      <AuthFrame title="请修改密码">
        <Result status="info" style={{ padding: '0 0 16px' }} subTitle="您的密码由管理员设置，首次登录请改为只有您自己知道的密码。" />
        <ChangePasswordForm username={account.username} onChanged={() => undefined} />
      </AuthFrame>
    );
  }
  return (
    <>
      <div inert={locked} style={{ height: '100%' }}>{children}</div>
      {locked && <LockScreen account={account} />}
    </>
  );
}
