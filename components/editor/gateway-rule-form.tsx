'use client';

import type { ReactNode } from 'react';
import type { FieldError } from '@/lib/mesh/field-errors';
import { gatewayRuleFieldErrors } from '@/lib/mesh/gateway-api-field-errors';
import type {
  AnyRouteRule,
  GatewayRouteKind,
  GRPCRouteMatch,
  HTTPRouteMatch,
  HTTPRouteRule,
} from '@/lib/mesh/gateway-api-types';
import { NumberField, Section, SelectField, TextField } from './fields';
import { PreviewButton, useCheckedForm } from './form-kit';
import { BackendRefRows, NameValueRows } from './gateway-rule-rows';
import { ListField } from './list-fields';
import { MatchBlocks } from './match-editor';
import type { Path } from './path-form';
import {
  FILTER_SETTINGS,
  type FormFilterType,
  filterField,
  filterIndex,
  withFilterField,
} from './rule-filters';

const PATH_TYPES = ['PathPrefix', 'Exact', 'RegularExpression'] as const;
const VALUE_TYPES = ['Exact', 'RegularExpression'] as const;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] as const;
const PATH_MODIFIERS = ['ReplacePrefixMatch', 'ReplaceFullPath'] as const;
const STATUS_CODES = ['301', '302', '303', '307', '308'] as const;

/** The messages under `prefix` (`backendRefs[1]` → `port: a port is …`), for a row. */
function messagesUnder(errors: readonly FieldError[], prefix: string): string[] {
  return errors
    .filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`))
    .map((e) => (e.path === prefix ? e.message : `${e.path.slice(prefix.length + 1)}: ${e.message}`));
}

/**
 * One rule of a Gateway API route: its matches (HTTP path, headers, query parameters,
 * method; gRPC service and method), its filters by section (header modifiers, URL rewrite,
 * redirect, mirror), its backends with their relative weights, and its timeouts. The draft
 * starts from the rule as it is, so fields not shown (CORS, extensionRef, a backend's own
 * filters) are sent back untouched; it is sent as one SetRule.
 */
export function GatewayRuleForm({
  routeKind,
  initial,
  title,
  onPreview,
}: {
  routeKind: GatewayRouteKind;
  initial: AnyRouteRule;
  title: string;
  onPreview: (rule: AnyRouteRule) => void;
}) {
  const kit = useCheckedForm<AnyRouteRule>(initial, (rule) => gatewayRuleFieldErrors(routeKind, rule));
  const { value: rule, setValue, set, at, errors, error, field } = kit;
  const http = routeKind === 'HTTPRoute';
  const grpc = routeKind === 'GRPCRoute';
  const matches = ('matches' in rule ? (rule.matches ?? []) : []) as Array<HTTPRouteMatch | GRPCRouteMatch>;
  const under = (prefix: string) => (i: number) => messagesUnder(errors, `${prefix}[${i}]`);

  // A filter's field, bound to its section: filled, it makes the filter; emptied, it goes.
  const filterPath = (type: FormFilterType, path: Path): Path => [
    'filters',
    Math.max(0, filterIndex(rule, type)),
    FILTER_SETTINGS[type],
    ...path,
  ];
  const setFilter = (type: FormFilterType, path: Path, value: unknown) =>
    setValue((r) => withFilterField(r, type, path, value));
  const filterError = (type: FormFilterType, path: Path) =>
    filterIndex(rule, type) < 0 ? undefined : error(filterPath(type, path));
  const ftext = (label: string, type: FormFilterType, path: Path, hint?: string) => (
    <TextField
      label={label}
      hint={hint}
      value={filterField(rule, type, path) as string | undefined}
      check={() => filterError(type, path)}
      onChange={(v) => setFilter(type, path, v)}
    />
  );
  const fnum = (label: string, type: FormFilterType, path: Path) => (
    <NumberField
      label={label}
      value={filterField(rule, type, path) as number | undefined}
      check={() => filterError(type, path)}
      onChange={(v) => setFilter(type, path, v)}
    />
  );
  const modifier = (type: 'RequestHeaderModifier' | 'ResponseHeaderModifier', title: string) => {
    const base = filterPath(type, []).map(String);
    const rowErrors = (key: string) => (i: number) =>
      messagesUnder(errors, `${base[0]}[${base[1]}].${base[2]}.${key}[${i}]`);
    return (
      <Section title={title} filled={filterIndex(rule, type) >= 0}>
        {(['set', 'add'] as const).map((key) => (
          <NameValueRows
            key={key}
            label={`${title}: ${key}`}
            value={filterField(rule, type, [key]) as Array<{ name: string; value: string }> | undefined}
            onChange={(v) => setFilter(type, [key], v)}
            errorsOf={filterIndex(rule, type) < 0 ? () => [] : rowErrors(key)}
          />
        ))}
        <div className="col-span-2">
          <ListField
            label={`${title}: remove`}
            value={filterField(rule, type, ['remove']) as string[] | undefined}
            check={() => filterError(type, ['remove'])}
            onChange={(v) => setFilter(type, ['remove'], v)}
          />
        </div>
      </Section>
    );
  };
  // A path modifier is one box whose field follows the type chosen.
  const pathModifier = (type: 'URLRewrite' | 'RequestRedirect') => {
    const current = filterField(rule, type, ['path']) as Record<string, string> | undefined;
    const kind = (current?.type as (typeof PATH_MODIFIERS)[number] | undefined) ?? 'ReplacePrefixMatch';
    const key = kind === 'ReplaceFullPath' ? 'replaceFullPath' : 'replacePrefixMatch';
    const text = current?.[key] ?? current?.replaceFullPath ?? current?.replacePrefixMatch;
    return (
      <>
        <SelectField
          label="Path"
          value={current ? kind : undefined}
          options={PATH_MODIFIERS}
          onChange={(t) =>
            setFilter(
              type,
              ['path'],
              t
                ? {
                    type: t,
                    [t === 'ReplaceFullPath' ? 'replaceFullPath' : 'replacePrefixMatch']: text ?? '/',
                  }
                : undefined,
            )
          }
        />
        <TextField
          label={kind === 'ReplaceFullPath' ? 'Full path' : 'Prefix becomes'}
          value={text}
          placeholder="/v2"
          check={() => filterError(type, ['path', key]) ?? filterError(type, ['path', 'type'])}
          onChange={(v) => setFilter(type, ['path'], v === undefined ? undefined : { type: kind, [key]: v })}
        />
      </>
    );
  };

  let matchSection: ReactNode = null;
  if (http || grpc) {
    matchSection = (
      <Section
        title={`Matches${matches.length > 1 ? ` (any of ${matches.length})` : ''}`}
        filled={matches.length > 0}
      >
        <MatchBlocks
          matches={matches}
          onChange={(v) => set(['matches'], v)}
          empty={http ? 'No match: every path (PathPrefix /).' : 'No match: every method of every service.'}
          render={(_, i) => (http ? httpMatch(i) : grpcMatch(i))}
        />
      </Section>
    );
  }
  function httpMatch(i: number) {
    const base = ['matches', i];
    const pathType = (at([...base, 'path', 'type']) as string | undefined) ?? 'PathPrefix';
    return (
      <div className="grid grid-cols-2 gap-2">
        <div className="col-span-2 grid grid-cols-[8.5rem_1fr] gap-1">
          <SelectField
            label={`Path (match ${i + 1})`}
            value={at([...base, 'path']) ? pathType : undefined}
            options={PATH_TYPES}
            onChange={(t) =>
              set(
                [...base, 'path'],
                t ? { type: t, value: (at([...base, 'path', 'value']) as string) ?? '/' } : undefined,
              )
            }
          />
          {field.text(
            'Path value',
            [...base, 'path', 'value'],
            pathType === 'RegularExpression' ? 'RE2, e.g. /v[0-9]+/.*' : 'starts with /',
          )}
        </div>
        {field.select('Method', [...base, 'method'], METHODS)}
        <span />
        <NameValueRows
          label="Header"
          types={VALUE_TYPES}
          value={at([...base, 'headers']) as HTTPRouteMatch['headers']}
          onChange={(v) => set([...base, 'headers'], v)}
          errorsOf={under(`matches[${i}].headers`)}
        />
        <NameValueRows
          label="Query parameter"
          types={VALUE_TYPES}
          value={at([...base, 'queryParams']) as HTTPRouteMatch['queryParams']}
          onChange={(v) => set([...base, 'queryParams'], v)}
          errorsOf={under(`matches[${i}].queryParams`)}
        />
      </div>
    );
  }
  function grpcMatch(i: number) {
    const base = ['matches', i];
    return (
      <div className="grid grid-cols-2 gap-2">
        {field.text('Service', [...base, 'method', 'service'], 'e.g. shop.Cart')}
        {field.text('Method', [...base, 'method', 'method'], 'e.g. AddItem')}
        {field.select('Match type', [...base, 'method', 'type'], VALUE_TYPES)}
        <span />
        <NameValueRows
          label="Header"
          types={VALUE_TYPES}
          value={at([...base, 'headers']) as GRPCRouteMatch['headers']}
          onChange={(v) => set([...base, 'headers'], v)}
          errorsOf={under(`matches[${i}].headers`)}
        />
      </div>
    );
  }

  const backends = rule.backendRefs ?? [];
  return (
    <form
      aria-label={title}
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview(rule);
      }}
    >
      <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{title}</h3>
      {field.text('Rule name', ['name'], 'optional: lower-case, digits, - and .')}
      {matchSection}
      {(http || grpc) && modifier('RequestHeaderModifier', 'Request headers')}
      {(http || grpc) && modifier('ResponseHeaderModifier', 'Response headers')}
      {http && (
        <Section title="URL rewrite" filled={filterIndex(rule, 'URLRewrite') >= 0}>
          {ftext('Hostname', 'URLRewrite', ['hostname'], 'the Host header sent on')}
          <span />
          {pathModifier('URLRewrite')}
        </Section>
      )}
      {http && (
        <Section title="Redirect" filled={filterIndex(rule, 'RequestRedirect') >= 0}>
          <SelectField
            label="Scheme"
            value={filterField(rule, 'RequestRedirect', ['scheme']) as 'http' | 'https' | undefined}
            options={['http', 'https'] as const}
            onChange={(v) => setFilter('RequestRedirect', ['scheme'], v)}
          />
          {ftext('Hostname', 'RequestRedirect', ['hostname'])}
          {fnum('Port', 'RequestRedirect', ['port'])}
          <SelectField
            label="Status code"
            value={
              filterField(rule, 'RequestRedirect', ['statusCode'])?.toString() as
                | (typeof STATUS_CODES)[number]
                | undefined
            }
            options={STATUS_CODES}
            onChange={(v) =>
              setFilter('RequestRedirect', ['statusCode'], v === undefined ? undefined : Number(v))
            }
          />
          {pathModifier('RequestRedirect')}
        </Section>
      )}
      {(http || grpc) && (
        <Section title="Mirror" filled={filterIndex(rule, 'RequestMirror') >= 0}>
          {ftext('Backend', 'RequestMirror', ['backendRef', 'name'], 'a Service that gets a copy')}
          {ftext('Namespace', 'RequestMirror', ['backendRef', 'namespace'], 'empty: the route’s')}
          {fnum('Port', 'RequestMirror', ['backendRef', 'port'])}
          {fnum('Percent', 'RequestMirror', ['percent'])}
        </Section>
      )}
      <Section title="Backends" filled>
        <BackendRefRows
          value={backends}
          onChange={(v) => set(['backendRefs'], v)}
          errorsOf={under('backendRefs')}
        />
        {error(['backendRefs']) && (
          <p className="col-span-2 text-[11px] text-red-700">{error(['backendRefs'])}</p>
        )}
      </Section>
      {http && (
        <Section title="Timeouts" filled={(rule as HTTPRouteRule).timeouts !== undefined}>
          {field.text('Request', ['timeouts', 'request'], 'whole request, e.g. 10s')}
          {field.text('Backend request', ['timeouts', 'backendRequest'], 'each try, e.g. 2s')}
        </Section>
      )}
      <PreviewButton errors={errors} />
    </form>
  );
}
