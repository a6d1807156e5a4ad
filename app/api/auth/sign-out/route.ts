import { signOut } from '@/lib/server/auth/token-sign-in';
import { signInEndpoint } from '@/lib/server/endpoint';

/** Ends the server-side session and clears the cookie: `{signedOut}`. */
export const POST = signInEndpoint(async (request) => signOut(request));
