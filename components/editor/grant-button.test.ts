import { describe, expect, it } from 'vitest';
import { parseObject } from '@/lib/mesh/parse';
import { type ReferenceGrantTemplate, referenceGrantFor } from '@/lib/mesh/reference-grant-template';
import type { MeshObject, StoredObject } from '@/lib/mesh/types';
import type { Editing } from '../editing/editing-context';
import { awaitedGrants, grantButton, openStepOf } from './grant-button';

const canEdit: Editing = { canEdit: true, readOnly: false };

describe('the "Create ReferenceGrant" button', () => {
  const base = { editing: canEdit, namespace: 'payments', granted: false };

  it('may be pressed by a person who may write the grant’s namespace, with nothing under way', () => {
    expect(grantButton(base)).toEqual({ disabled: false });
    expect(grantButton({ ...base, step: 'idle' })).toEqual({ disabled: false });
    expect(grantButton({ ...base, step: 'refused' })).toEqual({ disabled: false });
  });

  it('is disabled, saying why, for a read-only person: the whole screen, or the grant’s namespace', () => {
    const screen: Editing = { canEdit: false, readOnly: true, reason: 'read-only: WEIR_READ_ONLY is set.' };
    expect(grantButton({ ...base, editing: screen })).toEqual({ disabled: true, reason: screen.reason });
    // Narrowed to the grant's namespace (editingInNamespace, tested beside it).
    const there: Editing = {
      canEdit: false,
      readOnly: true,
      reason: 'read-only: you may view but not change routing in namespace payments.',
    };
    expect(grantButton({ ...base, editing: there })).toEqual({ disabled: true, reason: there.reason });
    expect(grantButton({ ...base, editing: { canEdit: false, readOnly: false } })).toEqual({
      disabled: true,
      reason: 'You may not create a ReferenceGrant in payments.',
    });
  });

  it('is disabled while its preview or create is under way', () => {
    for (const step of ['previewing', 'review', 'applying'] as const) {
      expect(grantButton({ ...base, step })).toEqual({
        disabled: true,
        reason: 'Its preview or create is under way below.',
      });
    }
  });

  it('is disabled once the grant exists: created here, or held by the screen', () => {
    expect(grantButton({ ...base, step: 'applied' }).disabled).toBe(true);
    expect(grantButton({ ...base, step: 'applied' }).reason).toMatch(/^ReferenceGrant created in payments/);
    expect(grantButton({ ...base, granted: true })).toEqual({
      disabled: true,
      reason: 'A ReferenceGrant in payments already allows this reference.',
    });
  });
});

const routeTo = (service: string) =>
  parseObject({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { rules: [{ backendRefs: [{ name: service, namespace: 'payments', port: 80 }] }] },
  }) as MeshObject;
const grantTo = (service: string) =>
  referenceGrantFor(routeTo(service), 'spec.rules[0].backendRefs[0]') as ReferenceGrantTemplate;

describe('which grant an open editor belongs to', () => {
  it('is told by the grant’s content, not its namespace: edge B’s grant to payments is not edge A’s', () => {
    const open = { template: grantTo('cart'), step: 'review' as const };
    expect(openStepOf(open, grantTo('cart'))).toBe('review');
    expect(openStepOf(open, grantTo('billing'))).toBeUndefined();
    expect(openStepOf(undefined, grantTo('cart'))).toBeUndefined();
  });
});

describe('grants this screen created, awaited in the snapshot', () => {
  const grant = grantTo('cart');
  const created = new Map([['k', grant]]);

  it('keeps a created grant while the snapshot does not show it', () => {
    expect(awaitedGrants(created, { grants: [] })).toBe(created);
  });

  it('drops it once the snapshot’s grants allow it, so undoing the grant later frees the button', () => {
    const there = parseObject({
      ...grant,
      metadata: { ...grant.metadata, name: 'other-name' },
    }) as StoredObject;
    const after = awaitedGrants(created, { grants: [there] });
    expect(after.size).toBe(0);
  });
});
