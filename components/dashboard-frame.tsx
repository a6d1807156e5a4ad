/**
 * The dashboard's frame with nothing in it: what the first bytes of the home page draw while the
 * server reads the view and renders the dashboard into the same places (header and toolbar of
 * the same heights), so nothing moves when it arrives a moment later.
 */
export function DashboardFrame() {
  return (
    <div className="flex h-dvh flex-col" aria-busy="true">
      <header className="flex h-12 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4">
        <h1 className="text-lg font-bold tracking-tight text-slate-900">Weir</h1>
      </header>
      <div className="h-11 shrink-0 border-b border-slate-200 bg-white" />
      <main className="min-h-0 flex-1" />
    </div>
  );
}
