'use client';

import { ParsedField } from './fields';
import { labelsText, parseLabels, parseList } from './set-path';

const listText = (value: string[] | undefined) => (value ?? []).join(', ');

/** `a, b, c` as a list of strings. */
export function ListField(props: {
  label: string;
  value: string[] | undefined;
  onChange: (value: string[] | undefined) => void;
  hint?: string;
  placeholder?: string;
  check?: (value: string[] | undefined) => string | undefined;
}) {
  return <ParsedField {...props} format={listText} parse={parseList} />;
}

/** `app=web, version=v1` as labels. */
export function LabelsField(props: {
  label: string;
  value: Record<string, string> | undefined;
  onChange: (value: Record<string, string> | undefined) => void;
  hint?: string;
}) {
  return <ParsedField {...props} format={labelsText} parse={parseLabels} placeholder="app=web, version=v1" />;
}
