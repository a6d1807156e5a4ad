import type { VirtualService } from '../../mesh/types';
import type { Check } from '../check';
import { isMeshBound, list, namespaceOf } from '../walk';

/** At most one mesh-bound VirtualService defines each host (per export scope). */
export const vsMeshHostConflict: Check = {
  name: 'vs-mesh-host-conflict',
  codes: ['VS_CONFLICTING_MESH_HOSTS'],
  run(context, { each, emit }) {
    const byHost = new Map<string, { vs: VirtualService; index: number; host: string }[]>();
    each(context.virtualServices, (vs) => {
      if (!isMeshBound(vs)) return;
      const namespace = namespaceOf(vs);
      list(vs.spec.hosts).forEach((host, index) => {
        if (typeof host !== 'string') return;
        const fqdn = context.resolveHost(host, namespace).fqdn;
        for (const scope of exportScopes(vs)) {
          const key = `${scope}\n${fqdn}`;
          const entries = byHost.get(key);
          const entry = { vs, index, host };
          if (!entries) byHost.set(key, [entry]);
          else if (!entries.some((other) => other.vs === vs)) entries.push(entry);
        }
      });
    });
    const reported = new Set<string>();
    for (const entries of byHost.values()) {
      if (entries.length < 2) continue;
      for (const { vs, index, host } of entries) {
        const key = `${namespaceOf(vs)}/${vs.metadata.name}/${index}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const others = entries
          .filter((other) => other.vs !== vs)
          .map((other) => `${namespaceOf(other.vs)}/${other.vs.metadata.name}`);
        emit(
          'VS_CONFLICTING_MESH_HOSTS',
          vs,
          `spec.hosts[${index}]`,
          `Host "${host}" is also defined for the mesh by VirtualService ${others.join(', ')}.`,
        );
      }
    }
  },
};

// Where the VirtualService is visible: everywhere (`*`, the default) or some namespaces.
function exportScopes(vs: VirtualService): string[] {
  const exportTo = list(vs.spec.exportTo);
  if (exportTo.length === 0 || exportTo.includes('*')) return ['*'];
  return [...new Set(exportTo.map((scope) => (scope === '.' ? namespaceOf(vs) : scope)))];
}
