// The classroom modes, in the image lab: predict first (every verdict and
// error hidden until the learner guesses, then shown with the guesses
// marked), presentation (body text of 24 px at 1280×720, the arrow keys
// stepping through the layers), and embeds that fit their frame (700×500
// and 400×600 show the verdict without scrolling; `view=layer=K`,
// `view=angle`; the "open the full lab" link follows what the reader did).
import { assertEvery, layerChecks, settled } from "./helpers.mjs";

/** Every verdict or error the page exposes, as attributes or badges. */
async function exposed(page) {
  return page.evaluate(() => ({
    verdictAttrs: document.querySelectorAll("[data-verdict]:not([data-verdict='none'])").length,
    errorAttrs: document.querySelectorAll("[data-invariance-error], [data-equivariance-error], [data-baseline-error]").length,
    badges: [...document.querySelectorAll(".verdict-badge")].filter((b) => b.offsetParent !== null).length,
    prediction: document.querySelectorAll('[data-testid="prediction"]').length,
  }));
}

export default async function (t) {
  const { assert } = t;

  // Predict first: nothing gives the answer away until every layer is guessed.
  const page = await t.open("#/image?preset=letter&model=cnn-gap&filters=random&g=rot90&predict=1", { width: 1280, height: 800 });
  await page.waitForSelector('[data-testid="layer-check"]');
  await page.waitForTimeout(200);
  const rows = await page.$$eval('[data-testid="layer-check"]', (els) => els.map((e) => e.dataset.hidden));
  assertEvery(rows, (h) => h === "predict", "every readout is hidden");
  assert.deepEqual(await exposed(page), { verdictAttrs: 0, errorAttrs: 0, badges: 0, prediction: 0 }, "no verdict, error or prediction before the guesses");
  assert.ok(await page.locator('[data-testid="reveal"]').isDisabled(), "the answers wait for the guesses");
  const n = rows.length;
  // Guess every layer (in the rows): "neither" for the first conv, "equivariant" after it.
  for (let k = 0; k < n; k++) {
    const guess = k === 0 ? "neither" : "equivariant";
    await page.locator(`[data-testid="layer-check"][data-layer="${k}"] input[value="${guess}"]`).check();
  }
  await page.click('[data-testid="reveal"]');
  await settled(page);
  const checks = await layerChecks(page);
  assert.equal(checks.length, n);
  const results = await page.$$eval('[data-testid="layer-check"] [data-testid="guess-result"]', (els) =>
    els.map((e) => ({ guess: e.dataset.guess, right: e.dataset.right === "true", text: e.textContent })),
  );
  assert.equal(results.length, n, "every guess is marked");
  results.forEach((r, k) => {
    const want = k === 0 ? ["neither", "approximate"].includes(checks[k].verdict) : checks[k].verdict === "equivariant";
    assert.equal(r.right, want, `layer ${k}: ${JSON.stringify(r)} vs ${checks[k].verdict}`);
    if (!r.right) assert.match(r.text, /The answer is/, "a wrong guess says why");
  });
  assert.ok(results.some((r) => !r.right) && results.some((r) => r.right), "a plain CNN under rot90: some right, some wrong");
  assert.equal(await page.getAttribute('[data-testid="verdict"]', "data-verdict"), checks.at(-1).verdict);
  await t.screenshot(page, "predict-revealed");

  // Predicting the output only, from a teacher's link; a new g asks again.
  const head = await t.open("#/image?preset=digit3&model=p4cnn&g=rot90&predict=head", { width: 1280, height: 720 });
  await head.waitForSelector('[data-testid="verdict"][data-hidden="predict"]');
  await head.locator('[data-testid="verdict"] input[value="invariant"]').check();
  await head.click('[data-testid="reveal"]');
  await head.waitForSelector('[data-testid="verdict"][data-verdict="invariant"]');
  assert.equal(await head.getAttribute('[data-testid="verdict"] ~ [data-testid="guess-result"], .net-verdict-wrap [data-testid="guess-result"]', "data-right"), "true");
  await head.fill('[data-testid="g-input"]', "flipx");
  await head.press('[data-testid="g-input"]', "Enter");
  await head.waitForSelector('[data-testid="verdict"][data-hidden="predict"]');

  // Presentation: the whole page scales; the arrow keys step through the layers.
  const show = await t.open("#/image?preset=digit3&model=cnn-gap&filters=random&g=rot90&present=1", { width: 1280, height: 720 });
  await settled(show).catch(() => {});
  await show.waitForSelector('[data-testid="compare-strip"]');
  const sizes = await show.evaluate(() => ({
    body: parseFloat(getComputedStyle(document.body).fontSize),
    lead: parseFloat(getComputedStyle(document.querySelector(".strip-check")).fontSize),
    header: document.querySelector(".site-header") ? getComputedStyle(document.querySelector(".site-header")).display : "none",
  }));
  assert.ok(sizes.body >= 24 && sizes.lead >= 20, `readable from the back: ${JSON.stringify(sizes)}`);
  assert.equal(sizes.header, "none", "the navigation steps aside");
  const first = await show.getAttribute('.layer-picker [aria-checked="true"]', "data-layer-pick");
  await show.keyboard.press("ArrowRight");
  await show.waitForFunction((f) => document.querySelector('.layer-picker [aria-checked="true"]')?.dataset.layerPick !== f, first);
  await t.screenshot(show, "present-1280x720");
  await show.keyboard.press("Escape");
  await show.waitForFunction(() => !location.hash.includes("present=1"));

  // Embeds that fit their frame: the verdict without scrolling.
  for (const [w, h] of [[700, 500], [400, 600]]) {
    const e = await t.open("#/image?preset=letter&model=p4cnn&g=rot90&embed=1", { width: w, height: h });
    await e.waitForSelector('[data-testid="compare-strip"] [data-testid="verdict"]', { timeout: 20000 });
    const r = await e.evaluate(() => {
      const v = document.querySelector('[data-testid="verdict"]').getBoundingClientRect();
      const panels = [...document.querySelectorAll("[data-panel]")].map((p) => p.getBoundingClientRect().bottom);
      return { bottom: v.bottom, vh: innerHeight, sw: document.documentElement.scrollWidth, vw: innerWidth, panels };
    });
    assert.ok(r.bottom <= r.vh, `embed ${w}×${h}: the verdict is visible ${JSON.stringify(r)}`);
    assert.ok(r.sw <= r.vw + 1, `embed ${w}×${h}: no sideways scrolling`);
    assert.equal(r.panels.length, 6);
    assert.equal(await e.locator(".lab-controls").count(), 0, "an embed is the strip, not the controls");
    await t.screenshot(e, `embed-${w}x${h}`);
  }
  const layer = await t.open("#/image?preset=letter&model=cnn-gap&g=rot90&embed=1&view=layer=3", { width: 700, height: 500 });
  await layer.waitForSelector('.layer-picker [aria-checked="true"]');
  assert.equal(await layer.getAttribute('.layer-picker [aria-checked="true"]', "data-layer-pick"), "3");
  const angle = await t.open("#/image?preset=letter&model=p4cnn&g=rot(30)&embed=1&view=angle", { width: 700, height: 500 });
  await angle.waitForSelector('[data-testid="angle-chart"], .angle-panel', { timeout: 20000 });
  assert.equal(await angle.locator('[data-testid="compare-strip"]').count(), 0, "view=angle shows the chart alone");

  // The "open the full lab" link follows what the reader did inside the embed.
  const follow = await t.open("#/image?preset=letter&g=rot90&embed=1", { width: 700, height: 500 });
  await follow.waitForSelector('[data-testid="verdict"][data-verdict]');
  await follow.evaluate(() => {
    location.hash = location.hash.replace("g=rot90", "g=flipx");
  });
  await follow.waitForSelector('[data-testid="verdict"][data-verdict]');
  const [popup] = await Promise.all([follow.waitForEvent("popup"), follow.click('[data-testid="open-full"]')]);
  await popup.waitForLoadState("domcontentloaded");
  const opened = popup.url();
  assert.match(opened, /g=flipx/, `the full lab opens the reader's view: ${opened}`);
  assert.doesNotMatch(opened, /embed=1/);
  await popup.close();
}
