import type { NextConfig } from 'next';
import { API_CSP, SECURITY_HEADERS } from './lib/server/auth/security-headers';

const nextConfig: NextConfig = {
  // Separate build folders let several e2e runs share one checkout (WEIR_DIST_DIR=.next-a ...).
  distDir: process.env.WEIR_DIST_DIR || '.next',
  // The Kubernetes client and the YAML library run on the server as plain Node modules.
  serverExternalPackages: ['@kubernetes/client-node'],
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
