// The two Istio references Weir's findings are compared with, as built by tools/istioctl/build.sh:
// `istioctl analyze --use-kube=false` (the documented offline mode, which skips every analyzer
// needing Services, Pods or Namespaces) and analyze-files (the same analyzers with those kinds
// read from the files too).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One message of `istioctl analyze -o json`. */
export interface IstioMessage {
  code: string;
  level: string;
  message: string;
  /** `VirtualService shop/reviews`, `Namespace shop`. */
  origin: string;
}

export interface Reference {
  name: 'istioctl' | 'analyze-files';
  /** The command line, for the report. */
  describe: string;
  analyze(file: string): IstioMessage[];
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The istio.io/istio version pinned in tools/istioctl/go/go.mod. */
export function pinnedVersion(): string {
  const goMod = readFileSync(path.join(here, 'go', 'go.mod'), 'utf8');
  const match = /^\s*(?:require\s+)?istio\.io\/istio\s+(\S+)/m.exec(goMod);
  if (!match?.[1]) throw new Error('tools/istioctl/go/go.mod pins no istio.io/istio version');
  return match[1];
}

/** Where build.sh caches the binaries (WEIR_CACHE_DIR, else XDG_CACHE_HOME or ~/.cache, /weir). */
export function binaryDir(version = pinnedVersion()): string {
  const cacheRoot =
    process.env.WEIR_CACHE_DIR ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'weir');
  return path.join(cacheRoot, 'istioctl', version);
}

/** The references that are built; `missing` says why one is not. */
export function findReferences(): { references: Reference[]; missing: string[] } {
  const dir = binaryDir();
  const references: Reference[] = [];
  const missing: string[] = [];
  const istioctl = path.join(dir, 'istioctl');
  const analyzeFiles = path.join(dir, 'analyze-files');
  if (existsSync(istioctl)) {
    references.push({
      name: 'istioctl',
      describe: 'istioctl analyze --use-kube=false -A -o json <file>',
      analyze: (file) => run(istioctl, ['analyze', '--use-kube=false', '-A', '-o', 'json', file]),
    });
  } else missing.push(`istioctl is not built (${istioctl}): run bash tools/istioctl/build.sh`);
  if (existsSync(analyzeFiles)) {
    references.push({
      name: 'analyze-files',
      describe: 'analyze-files <file> (istioctl analyze with Services, Pods and Namespaces from the file)',
      analyze: (file) => run(analyzeFiles, [file]),
    });
  } else missing.push(`analyze-files is not built (${analyzeFiles}): run bash tools/istioctl/build.sh`);
  return { references, missing };
}

function run(binary: string, args: string[]): IstioMessage[] {
  const result = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  const stdout = result.stdout.trim();
  // An empty result prints `[]` from istioctl and `null` from analyze-files.
  if (stdout === '' || stdout === 'null') {
    if (result.status !== 0) throw new Error(`${path.basename(binary)} failed: ${result.stderr.trim()}`);
    return [];
  }
  const messages = JSON.parse(stdout) as IstioMessage[] | null;
  return (messages ?? []).map(({ code, level, message, origin }) => ({ code, level, message, origin }));
}
