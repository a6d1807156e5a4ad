import { POST as signIn } from '@/app/api/auth/sign-in/route';
import type { ClusterUser } from '../cluster/cluster';
import { cookieOf, tokenOf, weirRequest } from './weir-routes';

/**
 * Signs `user` in to Weir's in-process routes (WEIR_AUTH=token) with their cluster token and
 * answers the session cookie to send back; a refused sign-in fails the test here, by name.
 */
export async function sessionCookieOf(user: ClusterUser): Promise<string> {
  const response = await signIn(
    weirRequest('/api/auth/sign-in', { method: 'POST', body: { token: tokenOf(user) } }),
  );
  if (response.status !== 200)
    throw new Error(`signing in as ${user} answered ${response.status}: ${await response.text()}`);
  return cookieOf(response);
}
