import type { ReviewState } from '@/lib/client/preview';
import {
  alreadyGranted,
  type GrantSetting,
  grantContentKey,
  type ReferenceGrantTemplate,
} from '@/lib/mesh/reference-grant-template';
import type { Editing } from '../editing/editing-context';

/** Whether "Create ReferenceGrant in …" may be pressed, and if not, the sentence shown beside it. */
export interface GrantButton {
  disabled: boolean;
  reason?: string;
}

/**
 * The grant button's state: disabled once a grant allowing the reference exists (or this
 * screen has just created one: the finding goes when the cluster's change reaches it), while
 * its preview or create is under way, and where the person may not create in the grant's
 * namespace (`editing`, narrowed to it).
 */
export function grantButton(input: {
  editing: Editing;
  namespace: string;
  /** A ReferenceGrant the screen holds already lets the reference through. */
  granted: boolean;
  /** The step of this grant's own editor, when open. */
  step?: ReviewState['step'];
}): GrantButton {
  const { editing, namespace, granted, step } = input;
  if (granted)
    return { disabled: true, reason: `A ReferenceGrant in ${namespace} already allows this reference.` };
  if (step === 'applied')
    return {
      disabled: true,
      reason: `ReferenceGrant created in ${namespace}: the finding goes once the cluster's change reaches this screen.`,
    };
  if (step === 'previewing' || step === 'review' || step === 'applying')
    return { disabled: true, reason: 'Its preview or create is under way below.' };
  if (!editing.canEdit)
    return {
      disabled: true,
      reason: editing.reason ?? `You may not create a ReferenceGrant in ${namespace}.`,
    };
  return { disabled: false };
}

/**
 * The step of `grant`'s own editor: the open editor's, when it is this grant's (by content: a
 * grant to the same namespace for another reference is another grant), else none.
 */
export function openStepOf(
  open: { template: ReferenceGrantTemplate; step: ReviewState['step'] } | undefined,
  grant: ReferenceGrantTemplate,
): ReviewState['step'] | undefined {
  return open && grantContentKey(open.template) === grantContentKey(grant) ? open.step : undefined;
}

/**
 * The grants this screen created that the snapshot does not show yet (by content key). One the
 * snapshot's grants allow is dropped: from then on `granted` says so, and once it is gone again
 * (undone from history) the button is free, not stuck on "created". Returns `created` itself
 * when nothing is dropped.
 */
export function awaitedGrants(
  created: ReadonlyMap<string, ReferenceGrantTemplate>,
  setting: Pick<GrantSetting, 'grants'>,
): ReadonlyMap<string, ReferenceGrantTemplate> {
  const left = [...created].filter(([, grant]) => !alreadyGranted(setting, grant));
  return left.length === created.size ? created : new Map(left);
}
