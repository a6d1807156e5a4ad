import { describe, expect, it } from 'vitest';
import type { Editing } from '../editing/editing-context';
import { grantButton } from './grant-button';

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
