import { signInWithToken } from '@/lib/server/auth/token-sign-in';
import { signInEndpoint } from '@/lib/server/endpoint';

/** Signs in with a Kubernetes bearer token (WEIR_AUTH=token): `{user}` and the session cookie. */
export const POST = signInEndpoint(signInWithToken);
