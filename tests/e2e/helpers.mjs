// Helpers shared by the end-to-end specs: reading the layer-check contract,
// and checking that the first screen answers the question.
import assert from "node:assert/strict";

/** Every [data-testid=layer-check] as {layer, kind, verdict, inv, eq, base, local, action}. */
export async function layerChecks(page) {
  return page.$$eval('[data-testid="layer-check"]', (els) =>
    els.map((e) => ({
      layer: Number(e.dataset.layer),
      kind: e.dataset.kind,
      verdict: e.dataset.verdict,
      inv: parseFloat(e.dataset.invarianceError),
      eq: e.dataset.equivarianceError === undefined ? null : parseFloat(e.dataset.equivarianceError),
      base: e.dataset.baselineError === undefined ? null : parseFloat(e.dataset.baselineError),
      local: e.dataset.localError === undefined ? null : parseFloat(e.dataset.localError),
      action: e.dataset.action ?? null,
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

/** `list.every(pred)`, but an empty list fails: a check over nothing proves nothing. */
export function assertEvery(list, pred, message) {
  assert.ok(list.length > 0, `${message}: the list is empty`);
  list.forEach((x, i) => assert.ok(pred(x), `${message}: item ${i} ${JSON.stringify(x)}`));
}

/** The verdict the revised rule gives from a check's own attributes. */
export function ruleVerdict(c) {
  const eq = c.eq === null ? Infinity : c.eq;
  const smaller = Math.min(c.inv, eq);
  if (c.inv < 1e-4) return "invariant";
  if (eq < 1e-4) return "equivariant";
  if (smaller < 5e-2 && smaller < c.base / 10) return "approximate";
  return "neither";
}

/**
 * The first screen, without scrolling, shows the network's verdict and the
 * compare strip with x, g·x and the chosen layer's four panels, all inside
 * the viewport; exactly one verdict on the page.
 */
export async function assertFirstScreen(page, what) {
  const r = await page.evaluate(() => {
    const box = (e) => {
      if (!e) return null;
      const b = e.getBoundingClientRect();
      return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, height: b.height, width: b.width };
    };
    const strip = document.querySelector('[data-testid="compare-strip"]');
    return {
      scrollY: window.scrollY,
      vh: window.innerHeight,
      vw: window.innerWidth,
      verdicts: document.querySelectorAll('[data-testid="verdict"]').length,
      verdict: box(document.querySelector('[data-testid="compare-strip"] [data-testid="verdict"]')),
      strip: box(strip),
      panels: strip ? [...strip.querySelectorAll("[data-panel]")].map((e) => ({ key: e.dataset.panel, ...box(e) })) : [],
    };
  });
  assert.equal(r.scrollY, 0, `${what}: not scrolled`);
  assert.equal(r.verdicts, 1, `${what}: exactly one network verdict`);
  assert.ok(r.verdict && r.verdict.top >= 0 && r.verdict.bottom <= r.vh, `${what}: the verdict is on the first screen ${JSON.stringify(r.verdict)} (viewport ${r.vh})`);
  assert.ok(r.strip && r.strip.bottom <= r.vh + 1, `${what}: the compare strip is on the first screen ${JSON.stringify(r.strip)} (viewport ${r.vh})`);
  const keys = r.panels.map((p) => p.key);
  for (const k of ["x", "gx", "fx", "fgx", "moved", "diff"]) assert.ok(keys.includes(k), `${what}: panel ${k} in ${keys}`);
  for (const p of r.panels) {
    assert.ok(p.bottom <= r.vh + 1 && p.right <= r.vw + 1 && p.top >= 0, `${what}: panel ${p.key} inside the viewport ${JSON.stringify(p)}`);
    assert.ok(p.height >= 40 && p.width >= 40, `${what}: panel ${p.key} is big enough to see ${JSON.stringify(p)}`);
  }
  return r;
}
