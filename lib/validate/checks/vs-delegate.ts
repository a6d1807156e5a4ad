import type { VirtualService } from '../../mesh/types';
import type { Check } from '../check';
import type { ValidationContext } from '../context';
import { list, namespaceOf, record } from '../walk';

/** One delegating route of a root VirtualService, with the VirtualService it names. */
export interface Delegation {
  root: VirtualService;
  /** Index in the root's `spec.http`. */
  index: number;
  namespace: string;
  name: string;
  delegate?: VirtualService;
}

/**
 * The delegating routes of a VirtualService with hosts (a root). istiod merges only those: a
 * VirtualService without hosts that delegates is refused (VS_DELEGATE_INVALID).
 */
export function delegationsOf(context: ValidationContext, root: VirtualService): Delegation[] {
  if (list(root.spec.hosts).length === 0) return [];
  const found: Delegation[] = [];
  list(root.spec.http).forEach((route, index) => {
    const delegate = record(record(route).delegate);
    if (typeof delegate.name !== 'string') return;
    const namespace = typeof delegate.namespace === 'string' ? delegate.namespace : namespaceOf(root);
    const target = context.virtualService(namespace, delegate.name);
    found.push({ root, index, namespace, name: delegate.name, ...(target && { delegate: target }) });
  });
  return found;
}

/**
 * Delegation works as istiod merges it: a delegating route names a VirtualService that exists
 * and has no hosts, and each VirtualService without hosts has a root that delegates to it.
 */
export const vsDelegate: Check = {
  name: 'vs-delegate',
  codes: ['VS_DELEGATE_NOT_FOUND', 'VS_DELEGATE_HAS_HOSTS', 'VS_DELEGATE_UNUSED'],
  run(context, { each, emit }) {
    const used = new Set<VirtualService>();
    let roots = 0;
    each(context.virtualServices, (vs) => {
      const found = delegationsOf(context, vs);
      if (found.length > 0) roots++;
      for (const delegation of found) judge(delegation);
    });
    function judge({ root, index, namespace, name, delegate }: Delegation): void {
      if (!delegate) {
        emit(
          'VS_DELEGATE_NOT_FOUND',
          root,
          `spec.http[${index}].delegate`,
          `Delegate VirtualService ${namespace}/${name} does not exist.`,
        );
        return;
      }
      used.add(delegate);
      if (list(delegate.spec.hosts).length === 0) return;
      emit(
        'VS_DELEGATE_HAS_HOSTS',
        delegate,
        'spec.hosts',
        `${namespaceOf(root)}/${root.metadata.name} delegates spec.http[${index}] to this VirtualService, but it has hosts: Istio takes only a VirtualService without hosts as a delegate, so that route is dropped and its requests fall through to the root's later routes (404 when none matches).`,
      );
    }
    // A folder of delegates whose roots live elsewhere says nothing: judged only beside a root.
    if (roots === 0) return;
    each(context.virtualServices, (vs) => {
      if (list(vs.spec.hosts).length > 0 || used.has(vs)) return;
      emit(
        'VS_DELEGATE_UNUSED',
        vs,
        'metadata.name',
        `No VirtualService delegates to ${namespaceOf(vs)}/${vs.metadata.name}: one without hosts is only a delegate, merged into the root route that names it, so its routes apply nowhere.`,
      );
    });
  },
};
