import { type ReportFormat, reportHref } from '@/lib/report/report-query';

/**
 * The namespaces the dialog reports on: every one the person may see, or those chosen. An
 * empty list is a choice of none (the last one unticked), not "all": downloads wait for one.
 */
export type NamespaceChoice = 'all' | readonly string[];

/** What the report dialog asks for: namespaces, a past time, a period. */
export interface ReportChoice {
  namespaces: NamespaceChoice;
  /** ISO time of the routing to report; absent: as it stands. */
  at?: string;
  from?: string;
  to?: string;
}

/** What is wrong with a choice, by the field to show it beside. */
export interface ReportChoiceErrors {
  namespaces?: string;
  at?: string;
  from?: string;
  to?: string;
}

/** The namespaces after one is ticked or unticked; all of them ticked is "all" again. */
export function toggleNamespace(
  chosen: NamespaceChoice,
  namespace: string,
  available: readonly string[],
): NamespaceChoice {
  const shown = chosen === 'all' ? available : chosen;
  const next = shown.includes(namespace) ? shown.filter((n) => n !== namespace) : [...shown, namespace];
  return available.length > 0 && available.every((n) => next.includes(n)) ? 'all' : next.toSorted();
}

/** The address of the report a choice asks for, in one format. */
export function choiceHref(choice: ReportChoice, format: ReportFormat): string {
  const { namespaces, ...when } = choice;
  return reportHref({ namespaces: namespaces === 'all' ? [] : namespaces, ...when }, format);
}

/** The problems of a choice: a past time still to come, a period that ends before it starts. */
export function checkReportChoice(choice: ReportChoice, now: Date = new Date()): ReportChoiceErrors {
  const errors: ReportChoiceErrors = {};
  if (choice.namespaces !== 'all' && choice.namespaces.length === 0)
    errors.namespaces = 'Choose at least one namespace.';
  const time = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.NaN);
  if (time(choice.at) > now.getTime())
    errors.at = 'That time is still to come: for the routing now, choose “as it stands”.';
  const from = time(choice.from);
  if (choice.to && from > time(choice.to)) errors.to = 'The period ends before it starts.';
  else if (!choice.to && from > time(choice.at))
    errors.from = 'The period starts after the time of the routing, where it ends unless told.';
  return errors;
}

const two = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a `datetime-local` input shows it: the person's own clock, to the second. */
export function toLocalInput(iso: string | undefined): string {
  const time = iso ? new Date(iso) : undefined;
  if (!time || Number.isNaN(time.getTime())) return '';
  return `${time.getFullYear()}-${two(time.getMonth() + 1)}-${two(time.getDate())}T${two(time.getHours())}:${two(
    time.getMinutes(),
  )}:${two(time.getSeconds())}`;
}

/** A `datetime-local` value (the person's own clock) as an ISO time; undefined when blank. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
