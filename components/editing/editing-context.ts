import { createContext, useContext } from 'react';

/** Whether this person may edit right now, and if not, the sentence that says why. */
export interface Editing {
  canEdit: boolean;
  /** Shown instead of editing controls: read-only access, or data that may be out of date. */
  reason?: string;
  /** True when the person may never edit here (no controls at all, not just disabled ones). */
  readOnly: boolean;
}

export const EditingContext = createContext<Editing>({ canEdit: false, readOnly: true });

export function useEditing(): Editing {
  return useContext(EditingContext);
}
