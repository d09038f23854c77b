// Helpers shared by the end-to-end specs: reading the layer-check contract.

/** Every [data-testid=layer-check] as {layer, kind, verdict, inv, eq}. */
export async function layerChecks(page) {
  return page.$$eval('[data-testid="layer-check"]', (els) =>
    els.map((e) => ({
      layer: Number(e.dataset.layer),
      kind: e.dataset.kind,
      verdict: e.dataset.verdict,
      inv: parseFloat(e.dataset.invarianceError),
      eq: e.dataset.equivarianceError === undefined ? null : parseFloat(e.dataset.equivarianceError),
    })),
  );
}

/** Wait until the readouts exist and the compute time is reported. */
export async function settled(page) {
  await page.waitForSelector('[data-testid="layer-check"]', { timeout: 15000 });
  await page.waitForSelector('[data-testid="compute-ms"]');
  await page.waitForTimeout(100);
}

/** Verdicts by layer kind (first occurrence order kept) for compact asserts. */
export function verdicts(checks) {
  return checks.map((c) => `${c.kind}:${c.verdict}`);
}
