import type { Check } from '../check';
import { list, namespaceOf, record } from '../walk';

/** A delegating route names a VirtualService that exists. */
export const vsDelegate: Check = {
  name: 'vs-delegate',
  codes: ['VS_DELEGATE_NOT_FOUND'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      list(vs.spec.http).forEach((route, index) => {
        const delegate = record(record(route).delegate);
        if (typeof delegate.name !== 'string') return;
        const namespace = typeof delegate.namespace === 'string' ? delegate.namespace : namespaceOf(vs);
        if (context.virtualService(namespace, delegate.name)) return;
        emit(
          'VS_DELEGATE_NOT_FOUND',
          vs,
          `spec.http[${index}].delegate`,
          `Delegate VirtualService ${namespace}/${delegate.name} does not exist.`,
        );
      });
    });
  },
};
