// `npm start`: everything a fresh clone needs to run Weir, then Weir itself (production build).
// Installs npm packages when missing, builds when the sources are newer than the last build.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const run = (command) => execSync(command, { stdio: 'inherit' });

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('weir: installing npm packages (first run)');
  // `install`, not `ci`: see tools/setup.sh.
  run('npm install --no-audit --no-fund');
}

const newest = (dir) => {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }
  return latest;
};
const sources = Math.max(
  ...['app', 'components', 'lib', 'public'].filter(existsSync).map(newest),
  statSync('package.json').mtimeMs,
);
if (!existsSync('.next/BUILD_ID') || statSync('.next/BUILD_ID').mtimeMs < sources) {
  console.log('weir: building (once after each change to the sources)');
  run('npx next build');
}

const port = process.env.PORT ?? '3000';
// Only this machine by default: with WEIR_AUTH=local nobody signs in (the server refuses a wider
// address then, unless told otherwise; lib/server/listen-address.ts).
const host = process.env.WEIR_HOST || '127.0.0.1';
const where = process.env.WEIR_MANIFESTS
  ? `the manifests in ${process.env.WEIR_MANIFESTS}`
  : process.env.KUBECONFIG || process.env.WEIR_CONTEXT
    ? `the cluster in ${process.env.KUBECONFIG ?? '~/.kube/config'}${process.env.WEIR_CONTEXT ? ` (context ${process.env.WEIR_CONTEXT})` : ''}`
    : 'the bundled demo mesh (a working copy in .weir/demo); set KUBECONFIG to use a cluster';
console.log(`weir: serving ${where} on http://${host.includes(':') ? `[${host}]` : host}:${port}`);
// Next's bin directly (not through npx), so a signal reaches the server itself; Weir's own
// handler drains it (instrumentation.ts), not Next's.
const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port, '-H', host], {
  stdio: ['inherit', 'inherit', 'pipe'],
  env: { ...process.env, NEXT_MANUAL_SIG_HANDLE: 'true' },
});
// `output: 'standalone'` is for the image (Dockerfile); here `next start` serves the same build
// on purpose, so Next's warning that it "does not work" with standalone output is left out.
createInterface({ input: child.stderr }).on('line', (line) => {
  if (!line.includes('"next start" does not work with "output: standalone"')) console.error(line);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
