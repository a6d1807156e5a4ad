/** What the report dialog asks for: namespaces (none: all visible), a past time, a period. */
export interface ReportChoice {
  namespaces: readonly string[];
  /** ISO time of the routing to report; absent: as it stands. */
  at?: string;
  from?: string;
  to?: string;
}

export type ReportFormat = 'md' | 'json' | 'svg' | 'png';

/** What is wrong with a choice, by the field to show it beside. */
export interface ReportChoiceErrors {
  at?: string;
  from?: string;
  to?: string;
}

/** The address of the report in one format (`/api/report?...`). */
export function reportHref(choice: ReportChoice, format: ReportFormat): string {
  const params = new URLSearchParams({ format });
  for (const namespace of choice.namespaces) params.append('namespace', namespace);
  if (choice.at) params.set('at', choice.at);
  if (choice.from) params.set('from', choice.from);
  if (choice.to) params.set('to', choice.to);
  return `/api/report?${params}`;
}

/** The problems of a choice: a past time still to come, a period that ends before it starts. */
export function checkReportChoice(choice: ReportChoice, now: Date = new Date()): ReportChoiceErrors {
  const errors: ReportChoiceErrors = {};
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
