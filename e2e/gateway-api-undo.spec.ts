import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_PORTS } from './support/ports';

// Undo of an HTTPRoute weight change puts the spec back as its author wrote it: a rule whose
// backendRefs have no weight (1:1 by default) gets no weight back, not `weight: 1` each. Seen
// in a folder of manifests (the files backend): an API server stores the CRD's default
// `weight: 1` itself, so there the spec has weights from the start. Its own namespace: in the
// demo's shop the route would be laid out below the screen, where nothing is drawn.
const files = `http://127.0.0.1:${E2E_PORTS.files}`;
const ROUTE = `apiVersion: v1
kind: Namespace
metadata:
  name: undo
---
apiVersion: v1
kind: Service
metadata:
  name: even-a
  namespace: undo
spec:
  selector:
    app: even-a
  ports:
    - name: http
      port: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: even-b
  namespace: undo
spec:
  selector:
    app: even-b
  ports:
    - name: http
      port: 8080
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: even
  namespace: undo
spec:
  rules:
    - backendRefs:
        - name: even-a
          port: 8080
        - name: even-b
          port: 8080
`;

function routeFile(): string {
  const folder = process.env.WEIR_E2E_FOLDER;
  if (!folder) throw new Error('WEIR_E2E_FOLDER is not set: run through playwright (global setup)');
  return path.join(folder, 'even-route.yaml');
}

test.afterAll(() => rmSync(routeFile(), { force: true }));

test('undoing an HTTPRoute weight change restores the spec, not only the shares', async ({ page }) => {
  writeFileSync(routeFile(), ROUTE);
  await page.goto(`${files}/?namespace=undo`);
  const label = page.getByTestId('weight:HTTPRoute/undo/even/rules/0/1');
  await expect(label).toHaveText('50%');
  await label.click();
  const slider = page.getByRole('slider', { name: /even-b.*undo\/even rules\[0\]/ }).first();
  // Editable once the person's rights are read (keys on a disabled slider do nothing).
  await expect(slider).toBeEnabled();
  await slider.focus();
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => readFileSync(routeFile(), 'utf8')).toContain('weight: 51');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(() => readFileSync(routeFile(), 'utf8')).not.toContain('weight:');
  await expect(label).toHaveText('50%');
  // The route as the author wrote it (the writer may reformat nothing else of it).
  expect(readFileSync(routeFile(), 'utf8')).toContain('        - name: even-b\n          port: 8080\n');
});
