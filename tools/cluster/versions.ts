/**
 * Pinned versions of what the local cluster installs. kube-apiserver and etcd are pinned in
 * the wrapper modules' go.mod files (tools/cluster/go/*), read by build.sh.
 */
export const ISTIO_API_MODULE = 'istio.io/api@v1.31.1';
export const GATEWAY_API_MODULE = 'sigs.k8s.io/gateway-api@v1.6.3';
