import type { AnyRouteRule, RouteFilter } from '@/lib/mesh/gateway-api-types';
import { getPath, setPath } from './set-path';

type Key = string | number;

/** The field holding each filter type's settings. */
export const FILTER_SETTINGS = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  RequestMirror: 'requestMirror',
} as const;

export type FormFilterType = keyof typeof FILTER_SETTINGS;

/** Where the filter of `type` sits in the rule's list (-1: none). A form edits one of each. */
export function filterIndex(rule: AnyRouteRule, type: FormFilterType): number {
  const filters: RouteFilter[] = 'filters' in rule ? (rule.filters ?? []) : [];
  return filters.findIndex((f) => f?.type === type);
}

/** The value at `path` inside the settings of the rule's filter of `type`. */
export function filterField(rule: AnyRouteRule, type: FormFilterType, path: readonly Key[]): unknown {
  const at = filterIndex(rule, type);
  return at < 0 ? undefined : getPath(rule, ['filters', at, FILTER_SETTINGS[type], ...path]);
}

/**
 * The rule with one field of its `type` filter set: the filter is made (at the end) when the
 * first field is filled and dropped when its settings are emptied, so a person fills in a
 * section and never writes `type:` by hand. Pure; other filters stay where they are.
 */
export function withFilterField<R extends AnyRouteRule>(
  rule: R,
  type: FormFilterType,
  path: readonly Key[],
  value: unknown,
): R {
  const filters: RouteFilter[] = 'filters' in rule ? [...(rule.filters ?? [])] : [];
  const at = filterIndex(rule, type);
  const key = FILTER_SETTINGS[type];
  const filter = setPath<RouteFilter>(
    at < 0 ? { type } : (filters[at] as RouteFilter),
    [key, ...path],
    value,
  );
  const empty = filter[key] === undefined;
  if (at < 0 && !empty) filters.push(filter);
  else if (at >= 0 && empty) filters.splice(at, 1);
  else if (at >= 0) filters[at] = filter;
  return setPath(rule, ['filters'], filters);
}
