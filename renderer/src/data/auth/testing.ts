import { createAccount, createFirstAdmin, login } from './accounts';
import type { AccountInput } from './accounts';

export const ADMIN = { username: 'admin', displayName: '王主任', password: 'Dangxiao2024' };

/** First run's administrator, signed in. */
export const signInFirstAdmin = () => createFirstAdmin(ADMIN);

/** An account made by the signed-in administrator, then signed in as it. */
export async function signInAs(input: Partial<AccountInput> & Pick<AccountInput, 'username' | 'role'>, password = 'Jiaoyuan2024') {
  const account = await createAccount({ displayName: '', instructorId: null, grants: [], ...input }, password);
  const result = await login(input.username, password);
  if (!result.ok) throw new Error(result.error);
  return account;
}
