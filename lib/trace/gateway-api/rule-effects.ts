import { list, num, record, text } from '../../graph/read';
import { backendTarget, isServiceKey, isServiceRef, serviceFqdn } from '../../mesh/resolve';
import type { TraceRequest } from '../request';
import type { RouteEffects } from '../types';

// What a matched Gateway API rule does to the request on its way: its filters (header
// modifiers, redirect, URL rewrite, mirror) and its timeout, each said in a sentence.

/** The rule's filters and timeout as effects; `matchedPrefix` is the PathPrefix that matched (for ReplacePrefixMatch). */
export function ruleEffects(
  rule: Record<string, unknown>,
  request: TraceRequest,
  scheme: 'http' | 'https',
  namespace: string,
  matchedPrefix: string | undefined,
): RouteEffects {
  const effects: RouteEffects = { mirrors: [], words: [] };
  const host = hostPart(request.authority);
  for (const filter of list(rule.filters).map(record)) {
    const type = text(filter.type);
    if (type === 'RequestHeaderModifier' || type === 'ResponseHeaderModifier') {
      const modifier = record(
        type === 'RequestHeaderModifier' ? filter.requestHeaderModifier : filter.responseHeaderModifier,
      );
      const headers = {
        set: pairs(modifier.set),
        add: pairs(modifier.add),
        remove: list(modifier.remove).filter((n): n is string => typeof n === 'string'),
      };
      const which = type === 'RequestHeaderModifier' ? 'request' : 'response';
      if (which === 'request') effects.requestHeaders = headers;
      else effects.responseHeaders = headers;
      effects.words.push(`changes ${which} headers (${headerWords(headers)})`);
    } else if (type === 'RequestRedirect') {
      const redirect = record(filter.requestRedirect);
      const toScheme = text(redirect.scheme) ?? scheme;
      const toHost = text(redirect.hostname) ?? host;
      const port = num(redirect.port);
      const path = replacePath(record(redirect.path), request.path, matchedPrefix);
      const status = num(redirect.statusCode) ?? 302;
      const location = `${toScheme}://${toHost}${port !== undefined ? `:${port}` : ''}${path}`;
      effects.redirect = { status, location };
      effects.words.push(`redirects with ${status} to ${location}`);
    } else if (type === 'URLRewrite') {
      const rewrite = record(filter.urlRewrite);
      const authority = text(rewrite.hostname);
      const path = record(rewrite.path);
      const newPath = text(path.type) ? replacePath(path, request.path, matchedPrefix) : undefined;
      effects.rewrite = { ...(newPath !== undefined && { path: newPath }), ...(authority && { authority }) };
      effects.words.push(
        `rewrites the request to ${[newPath && `path ${newPath}`, authority && `host ${authority}`].filter(Boolean).join(' and ')}`,
      );
    } else if (type === 'RequestMirror') {
      const mirror = record(filter.requestMirror);
      const target = backendTarget(record(mirror.backendRef), namespace);
      // istiod looks the Service up by its exact name and leaves out a mirror to none
      // (createMirrorFilter in pilot/pkg/config/kube/gateway/conversion.go): `CART` is not `cart`.
      if (isServiceRef(target) && !isServiceKey(target.name, target.namespace)) {
        effects.words.push(
          `would mirror to ${target.namespace}/${target.name}, but no Service can be named so: Istio leaves the mirror out`,
        );
        continue;
      }
      const fraction = record(mirror.fraction);
      const numerator = num(fraction.numerator);
      const percent =
        num(mirror.percent) ??
        (numerator !== undefined ? (numerator * 100) / (num(fraction.denominator) ?? 100) : 100);
      const fqdn = serviceFqdn(target.name, target.namespace);
      effects.mirrors.push({
        host: fqdn,
        port: target.port ?? 0,
        cluster: `outbound|${target.port ?? ''}||${fqdn}`,
        percent,
      });
      effects.words.push(`mirrors ${percent}% of requests to ${fqdn}${target.port ? `:${target.port}` : ''}`);
    } else if (type) {
      effects.words.push(`has a ${type} filter (not traced: it does not change where the request goes)`);
    }
  }
  const timeout = text(record(rule.timeouts).request);
  if (timeout) {
    effects.timeout = timeout;
    effects.words.push(`times out after ${timeout}`);
  }
  return effects;
}

/** ReplaceFullPath gives the path; ReplacePrefixMatch swaps the matched prefix for its value. */
function replacePath(
  modifier: Record<string, unknown>,
  path: string,
  matchedPrefix: string | undefined,
): string {
  const type = text(modifier.type);
  if (type === 'ReplaceFullPath') return text(modifier.replaceFullPath) ?? path;
  if (type === 'ReplacePrefixMatch' && matchedPrefix !== undefined) {
    const prefix =
      matchedPrefix !== '/' && matchedPrefix.endsWith('/') ? matchedPrefix.slice(0, -1) : matchedPrefix;
    const replacement = text(modifier.replacePrefixMatch) ?? '/';
    const rest = prefix === '/' ? path.slice(1) : path.slice(prefix.length);
    const joined =
      replacement.endsWith('/') && rest.startsWith('/') ? replacement + rest.slice(1) : replacement + rest;
    return joined === '' ? '/' : joined.startsWith('/') ? joined : `/${joined}`;
  }
  return path;
}

function pairs(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const header of list(value).map(record)) {
    const name = text(header.name);
    if (name) out[name] = text(header.value) ?? '';
  }
  return out;
}

function headerWords(headers: {
  set: Record<string, string>;
  add: Record<string, string>;
  remove: string[];
}): string {
  const words = [
    ...Object.entries(headers.set).map(([k, v]) => `set ${k}: ${v}`),
    ...Object.entries(headers.add).map(([k, v]) => `add ${k}: ${v}`),
    ...headers.remove.map((k) => `remove ${k}`),
  ];
  return words.join(', ') || 'none';
}

function hostPart(authority: string): string {
  const colon = authority.lastIndexOf(':');
  return colon < 0 ? authority : authority.slice(0, colon);
}
