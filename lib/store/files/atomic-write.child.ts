// Run by atomic-write.test.ts in a process of its own, to be killed at a random moment:
// writes two big contents over the same file in turn, forever.
import { writeFileAtomic } from './atomic-write';

/** The two contents the test expects to find, complete; any mix of them is a failure. */
export function content(which: 'old' | 'new', bytes: number): string {
  const line = `${which} line of a manifest that is being replaced while the writer dies\n`;
  return line.repeat(Math.ceil(bytes / line.length));
}

// Only when started as the writer, never when the test imports `content`.
const path = process.env.WEIR_KILL_TEST_FILE;
if (path) {
  const size = Number(process.env.WEIR_KILL_TEST_SIZE);
  const contents = [content('new', size), content('old', size)];
  process.stdout.write('writing\n');
  for (let i = 0; ; i++) await writeFileAtomic(path, contents[i % 2] as string);
}
