import { SignInProblem } from '../../lib/server/auth/oidc-problems';

/** For tests: the code of the SignInProblem `run` throws; anything else thrown, or nothing, fails. */
export function signInProblemCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SignInProblem) return error.code;
    throw error;
  }
  throw new Error('expected a SignInProblem');
}
