import { stringify } from 'yaml';

// key: value, list item, comment; enough to tell keys from values at a glance.
const LINE = /^(\s*(?:- )*)([^\s:#'"][^:#]*?:)(?=\s|$)(.*)$/;

function Line({ text }: { text: string }) {
  const match = LINE.exec(text);
  if (!match) return <span className="text-slate-800">{text}</span>;
  return (
    <>
      {match[1]}
      <span className="text-sky-800">{match[2]}</span>
      <span className="text-slate-900">{match[3]}</span>
    </>
  );
}

/** An object exactly as held, as YAML, read-only. */
export function YamlView({ value }: { value: unknown }) {
  const text = stringify(value, { lineWidth: 0 });
  const lines = text.replace(/\n$/, '').split('\n');
  return (
    <pre className="overflow-x-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-[11px] leading-4">
      <code>
        {lines.map((line, index) => (
          // Lines of one immutable text: their position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div key={index}>
            <Line text={line} />
          </div>
        ))}
      </code>
    </pre>
  );
}
