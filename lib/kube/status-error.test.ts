import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidError, UnavailableError } from '../mesh/errors';
import { statusToError, toMeshError } from './status-error';

// What kube-apiserver answered when a CRD's schema and CEL rules refused a VirtualService.
const invalid = {
  kind: 'Status',
  status: 'Failure',
  reason: 'Invalid',
  message:
    'VirtualService.networking.istio.io "p" is invalid: [spec.http[0].route[0].destination.port.number: Invalid value: -1: spec.http[0].route[0].destination.port.number in body should be greater than or equal to 0, spec.http[0].timeout: Invalid value: "0s": must be a valid duration greater than 1ms]',
  details: {
    causes: [
      {
        reason: 'FieldValueInvalid',
        message:
          'Invalid value: -1: spec.http[0].route[0].destination.port.number in body should be greater than or equal to 0',
        field: 'spec.http[0].route[0].destination.port.number',
      },
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "0s": must be a valid duration greater than 1ms',
        field: 'spec.http[0].timeout',
      },
      { reason: 'FieldValueInvalid', message: 'a cause without a field stays in the message only' },
    ],
  },
};

describe('statusToError', () => {
  it('keeps the API server’s message, and each cause that names a field as a field problem', () => {
    const error = statusToError(422, invalid, '');
    expect(error).toBeInstanceOf(InvalidError);
    expect(error.message).toBe(invalid.message);
    expect(error.fields).toEqual([
      {
        path: 'spec.http[0].route[0].destination.port.number',
        message:
          'Invalid value: -1: spec.http[0].route[0].destination.port.number in body should be greater than or equal to 0',
      },
      {
        path: 'spec.http[0].timeout',
        message: 'Invalid value: "0s": must be a valid duration greater than 1ms',
      },
    ]);
  });

  it('names no fields for answers without causes', () => {
    const error = statusToError(409, { message: 'the object has been modified' }, '');
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.fields).toEqual([]);
    expect(statusToError(500, undefined, 'boom').message).toBe('boom');
  });

  it('turns a network failure into Unavailable, with no fields', () => {
    const error = toMeshError(new Error('connect ECONNREFUSED'));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.fields).toEqual([]);
  });
});

describe('an object too large for the API server', () => {
  it('is TooLarge (413), not the cluster being unavailable', () => {
    const error = statusToError(
      413,
      { kind: 'Status', message: 'Request entity too large: limit is 3145728' },
      '',
    );
    expect(error.code).toBe('TooLarge');
    expect(error.message).toBe('Request entity too large: limit is 3145728');
  });
});
