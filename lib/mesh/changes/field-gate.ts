import { InvalidError } from '../errors';
import { introducedKindFieldErrors } from '../kind-field-errors';
import { parseObject } from '../parse';
import type { MeshObject } from '../types';

/**
 * The checks every change passes once applied, whatever its kind: no field it brings may
 * fail its check (a bad duration, regex, port…; errors already there do not block it), and
 * the result must still read as the kind it is. Messages name the field, as the parser and
 * the field checks report it.
 */
export function checkFields(before: MeshObject, after: MeshObject): MeshObject {
  const errors = introducedKindFieldErrors(before, after);
  if (errors.length > 0) {
    const fields = errors.map((e) => ({ path: `spec.${e.path}`, message: e.message }));
    throw new InvalidError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), undefined, fields);
  }
  const { source: _source, ...raw } = after;
  const parsed = parseObject(raw);
  if (parsed?.kind === 'Invalid') throw new InvalidError(parsed.reason);
  return after;
}
