import { describe, expect, it } from 'vitest';
import type { SessionAnswer } from '@/lib/api/session';
import type { Editing } from './editing-context';
import { editingIn, editingInNamespace, editingToCreate, writableIn } from './editing-in';

const session = (
  writableNamespaces: SessionAnswer['writableNamespaces'],
  readOnly = false,
): SessionAnswer => ({
  user: 'oscar',
  groups: [],
  auth: 'token',
  signOut: true,
  readOnly,
  backend: 'kube',
  demo: false,
  source: 'test',
  writableNamespaces,
});
const canEdit: Editing = { canEdit: true, readOnly: false };
const ref = { kind: 'VirtualService' as const, namespace: 'shop', name: 'catalog' };

describe('editingIn', () => {
  it('leaves editing as it is where the person may write', () => {
    expect(editingIn(canEdit, session('all'), ref, undefined)).toBe(canEdit);
    expect(editingIn(canEdit, session(['shop']), ref, undefined)).toBe(canEdit);
  });

  it('makes a namespace the person may not write read-only, and says so', () => {
    const editing = editingIn(canEdit, session(['payments']), ref, undefined);
    expect(editing).toMatchObject({ canEdit: false, readOnly: true });
    expect(editing.reason).toBe('read-only: you may view but not change routing in namespace shop.');
  });

  it('locks an object a controller owns, with what to do instead', () => {
    const lock = {
      controller: 'flux' as const,
      owner: 'Kustomization flux-system/apps',
      reason: 'Flux applies it.',
      instead: 'Change Git.',
    };
    expect(editingIn(canEdit, session('all'), ref, lock)).toEqual({
      canEdit: false,
      readOnly: true,
      reason: 'Flux applies it. Change Git.',
    });
  });

  it('keeps the whole screen’s own reason when it is read-only anyway', () => {
    const readOnly: Editing = { canEdit: false, readOnly: true, reason: 'WEIR_READ_ONLY' };
    expect(editingIn(readOnly, session([], true), ref, undefined)).toBe(readOnly);
    expect(writableIn(session('all', true), 'shop')).toBe(false);
  });
});

describe('editingInNamespace (a new object there: a ReferenceGrant where a reference points)', () => {
  it('narrows to the person’s rights in that namespace, not the referring object’s', () => {
    expect(editingInNamespace(canEdit, session(['payments']), 'payments')).toBe(canEdit);
    expect(editingInNamespace(canEdit, session(['shop']), 'payments')).toEqual({
      canEdit: false,
      readOnly: true,
      reason: 'read-only: you may view but not change routing in namespace payments.',
    });
    expect(editingInNamespace(canEdit, session('all', true), 'payments').canEdit).toBe(false);
  });
});

describe('editingToCreate (the grant button: create referencegrants in the target namespace)', () => {
  const answer = (allowed: boolean, reason?: string) => ({
    kind: 'ReferenceGrant' as const,
    namespace: 'certs',
    allowed,
    ...(reason && { reason }),
  });

  it('is disabled until the server has answered, and for an answer about another namespace', () => {
    expect(editingToCreate(canEdit, undefined, 'certs')).toMatchObject({ canEdit: false, readOnly: false });
    expect(editingToCreate(canEdit, answer(true), 'payments').canEdit).toBe(false);
  });

  it('follows the answer, not where the person may update routing', () => {
    expect(editingToCreate(canEdit, answer(true), 'certs')).toBe(canEdit);
    expect(editingToCreate(canEdit, answer(false, 'read-only: oscar may not'), 'certs')).toEqual({
      canEdit: false,
      readOnly: true,
      reason: 'read-only: oscar may not',
    });
  });

  it('keeps a screen that may not edit at all as it is', () => {
    const readOnly: Editing = { canEdit: false, readOnly: true, reason: 'read-only' };
    expect(editingToCreate(readOnly, answer(true), 'certs')).toBe(readOnly);
  });
});
