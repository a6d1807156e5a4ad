import { z } from 'zod';
import { InvalidError } from './errors';

/**
 * Kubernetes' own rules for names, checked before a name reaches a file path or an API
 * server URL: a namespace is a DNS-1123 label, an object's name a DNS-1123 subdomain. Nothing
 * else (`..`, `/`, upper case, spaces, invisible characters) can be a real object's name, and
 * the files backend builds paths from both.
 */
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SUBDOMAIN_PART = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why `value` is no namespace name, or undefined when it is one. */
export function namespaceNameProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && LABEL.test(value)) return undefined;
  return `a namespace name is at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit, not ${JSON.stringify(value)}`;
}

/** Why `value` is no object name, or undefined when it is one. */
export function objectNameProblem(value: unknown): string | undefined {
  if (
    typeof value === 'string' &&
    value.length <= 253 &&
    value.split('.').every((part) => SUBDOMAIN_PART.test(part))
  )
    return undefined;
  return `an object name is at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, not ${JSON.stringify(value)}`;
}

/** A namespace name as a request field: 422 naming the field otherwise. */
export const namespaceName = z.string().superRefine((value, context) => {
  const problem = namespaceNameProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** An object name as a request field: 422 naming the field otherwise. */
export const objectName = z.string().superRefine((value, context) => {
  const problem = objectNameProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/**
 * Throws InvalidError naming `metadata.namespace` or `metadata.name` when an object's names
 * are not Kubernetes names (`namespace` '' is a cluster-scoped object's; no `name`: a
 * namespace alone is checked).
 */
export function assertObjectNames(ref: { namespace: string; name?: string }): void {
  const fields = [
    {
      path: 'metadata.namespace',
      message: ref.namespace === '' ? undefined : namespaceNameProblem(ref.namespace),
    },
    { path: 'metadata.name', message: ref.name === undefined ? undefined : objectNameProblem(ref.name) },
  ].flatMap((field) => (field.message ? [{ path: field.path, message: field.message }] : []));
  if (fields.length > 0) {
    throw new InvalidError(
      fields.map((field) => `${field.path}: ${field.message}`).join('; '),
      undefined,
      fields,
    );
  }
}
