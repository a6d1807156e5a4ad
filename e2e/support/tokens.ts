import { readFileSync } from 'node:fs';
import YAML from 'yaml';

/** A local-cluster user's bearer token, from the e2e kubeconfig (as a person would paste it). */
export function tokenOf(user: 'operator' | 'auditor' | 'outsider'): string {
  const kubeconfig = process.env.WEIR_E2E_KUBECONFIG;
  if (!kubeconfig) throw new Error('WEIR_E2E_KUBECONFIG is not set: run through playwright (global setup)');
  const config = YAML.parse(readFileSync(kubeconfig, 'utf8')) as {
    users: Array<{ name: string; user: { token: string } }>;
  };
  const token = config.users.find((entry) => entry.name === user)?.user.token;
  if (!token) throw new Error(`no token for ${user}`);
  return token;
}
