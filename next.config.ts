import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The Kubernetes client and the YAML library run on the server as plain Node modules.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
