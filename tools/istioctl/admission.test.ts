import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compare,
  istioVerdicts,
  oracleBuilt,
  oraclePath,
  pathMatches,
  typeRefusal,
  weirVerdicts,
} from './admission';
import { baseObjects, toYaml, variants } from './admission-variants';

// Weir's admission rules (lib/validate/admission) against Istio's own (validate-config, built
// by `bash tools/istioctl/build.sh validate-config`, which tools/setup.sh runs for npm test).
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpusDir = process.env.WEIR_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
const corpus = existsSync(corpusDir);
const built = oracleBuilt();
const VARIANTS = 2000;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

if (!built)
  console.warn(
    `admission.test: SKIPPED, ${oraclePath()} is not built (bash tools/istioctl/build.sh validate-config)`,
  );
if (!corpus)
  console.warn(`admission.test: no corpus at ${corpusDir} (set WEIR_CORPUS): corpus files not compared`);

const folders = [
  path.join(repoRoot, 'demo/mesh'),
  path.join(repoRoot, 'lib/validate/fixtures'),
  ...(corpus ? [corpusDir] : []),
];

describe.skipIf(!built)(
  `Weir's admission verdicts against Istio's (${built ? oraclePath() : 'validate-config not built'})`,
  () => {
    const files = folders.flatMap(yamlFiles);

    it.each(files.map((file) => [path.relative(repoRoot, file), file]))(
      'agrees object by object on %s',
      (_name, file) => {
        const result = compare(readFileSync(file, 'utf8'));
        expect(
          result.missed.map(({ istio }) => `${istio.kind} ${istio.name}: ${istio.reasons.join('; ')}`),
        ).toEqual([]);
        expect(result.extra.filter(({ weir }) => !typeRefusal(weir)).map(({ weir }) => weir.reasons)).toEqual(
          [],
        );
      },
    );

    it(`agrees on ${VARIANTS} generated variants of real objects, and names the changed field`, () => {
      const bases = baseObjects(folders);
      // Only variants of objects Istio accepts: then Weir's refusal must be about a changed field.
      const accepted = istioVerdicts(toYaml(bases));
      const clean = bases.filter((_, doc) => accepted.find((v) => v.doc === doc)?.refuse === false);
      const generated = variants(clean, VARIANTS);
      const text = toYaml(generated.map((v) => v.object));
      const result = compare(text);
      expect(result.objects).toBe(VARIANTS);
      expect(result.missed.map(({ istio }) => [generated[istio.doc]?.changed, istio.reasons])).toEqual([]);
      // Weir refuses a value type the CRD's schema refuses before the webhook sees it ("80" for a port).
      expect(result.extra.filter(({ weir }) => !typeRefusal(weir)).map(({ weir }) => weir.reasons)).toEqual(
        [],
      );
      const unplaced = weirVerdicts(text).filter(
        (weir) => weir.refuse && !pathMatches(weir.paths ?? [], generated[weir.doc]?.changed ?? []),
      );
      expect(unplaced.map((weir) => [generated[weir.doc]?.changed, weir.reasons])).toEqual([]);
    }, 300_000);
  },
);
