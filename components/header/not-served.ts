import { GATEWAY_API_KINDS, manifestKindOf } from '@/lib/mesh/gateway-api-types';

/**
 * What the header says beside the source when kinds Weir would show are not served there
 * (their CRDs absent): not an error, only why they are not on screen.
 */
export function notServedNote(kinds: readonly string[] | undefined): string | undefined {
  if (!kinds?.length) return undefined;
  const gatewayApi = kinds.filter((kind) => (GATEWAY_API_KINDS as readonly string[]).includes(kind));
  if (gatewayApi.length === GATEWAY_API_KINDS.length && kinds.length === gatewayApi.length)
    return 'no Gateway API here';
  return `not served here: ${kinds.map(manifestKindOf).join(', ')}`;
}
