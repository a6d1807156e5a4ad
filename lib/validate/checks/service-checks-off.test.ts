import { describe, expect, it } from 'vitest';
import { ValidationContext } from '../context';
import { brief, destinationRule, routeTo, service, snapshotOf, virtualService } from '../test-fixtures';
import { runChecks } from '../validate';
import { drHost } from './dr-host';
import { serviceChecksOff } from './service-checks-off';
import { vsDestinationHost } from './vs-destination-host';

describe('service-checks-off', () => {
  const run = (objects: Parameters<typeof snapshotOf>[0]) =>
    brief(
      runChecks(new ValidationContext(snapshotOf(objects)), [vsDestinationHost, drHost, serviceChecksOff]),
    );

  it('says once per namespace, at the first host pointing there, that host checks are off when none of its Services is here', () => {
    const objects = [
      virtualService('shop', 'a', { hosts: ['a'], http: [routeTo('a'), routeTo('b')] }),
      destinationRule('shop', 'a', { host: 'a' }),
      virtualService('shop', 'c', { hosts: ['c'], http: [routeTo('pay.payments.svc.cluster.local')] }),
    ];
    expect(run(objects)).toEqual([
      'SERVICE_CHECKS_OFF VirtualService/shop/a spec.http[0].route[0].destination.host',
      'SERVICE_CHECKS_OFF VirtualService/shop/c spec.http[0].route[0].destination.host',
    ]);
  });

  it('names the DestinationRule’s host when a rule pointed there first', () => {
    expect(run([destinationRule('shop', 'a', { host: 'a' })])).toEqual([
      'SERVICE_CHECKS_OFF DestinationRule/shop/a spec.host',
    ]);
  });

  it('is silent, and the checks run, when the namespace has Services', () => {
    const objects = [
      service('shop', 'a'),
      virtualService('shop', 'a', { hosts: ['a'], http: [routeTo('b')] }),
    ];
    expect(run(objects)).toEqual([
      'VS_HOST_NOT_FOUND VirtualService/shop/a spec.http[0].route[0].destination.host',
    ]);
  });
});
