import type { NextConfig } from 'next';
import { API_CSP, SECURITY_HEADERS } from './lib/server/auth/security-headers';
import { RENDER_ASSETS } from './lib/server/report/render-assets';

const nextConfig: NextConfig = {
  // Separate build folders let several e2e runs share one checkout (WEIR_DIST_DIR=.next-a ...).
  distDir: process.env.WEIR_DIST_DIR || '.next',
  // The Kubernetes client and the YAML library run on the server as plain Node modules.
  // prom-client too: one registry per process, not one per bundle.
  serverExternalPackages: ['@kubernetes/client-node', 'prom-client'],
  // `.next/standalone`: server.js with only the files it needs, what the image (Dockerfile) runs.
  // A path known only at run time that server code joins or reads is marked
  // `/* turbopackIgnore: true */` (lib/store/files/inside-folder.ts): unbounded, the tracing
  // takes the whole checkout (sources, tests, docs) into the image; e2e/standalone.spec.ts checks.
  output: 'standalone',
  // Files read at run time by path, which tracing cannot see: the PNG renderer's wasm and
  // fonts, and the demo mesh (served when nothing else is configured).
  outputFileTracingIncludes: {
    '/**': [...RENDER_ASSETS.map((file) => `./node_modules/${file}`), './demo/mesh/**/*'],
  },
  poweredByHeader: false,
  reactStrictMode: true,
  // Pages get their Content-Security-Policy, with a per-request nonce, from proxy.ts.
  async headers() {
    return [
      { source: '/:path*', headers: [...SECURITY_HEADERS] },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CSP }] },
    ];
  },
};

export default nextConfig;
