// Group convolutions in the image lab (issue 3, claims I8-I11) through the
// observable contract: p4cnn under rot90 and p4mcnn under flipx keep every
// group layer equivariant and the head invariant; rot(45) is only
// approximate; the orbit figures, the angle chart, the group sweep and the
// input-size panel render; orient=, mask= and size= round-trip through the
// URL. Screenshots (desktop and tablet) freeze the orbit animation mid-turn.
import { assertEvery, layerChecks, settled, verdicts } from "./helpers.mjs";

const EQUI_HEAD = (lift, gconv) => [
  `${lift}:equivariant`, "relu:equivariant", "maxpool:equivariant", `${gconv}:equivariant`,
  "relu:equivariant", "orient_pool:equivariant", "gap:invariant", "dense:invariant",
];

/** Freeze every CSS animation of the page at `ms` into its loop. */
async function freezeAnimations(page, ms) {
  await page.evaluate((ms) => document.getAnimations().forEach((a) => { a.pause(); a.currentTime = ms; }), ms);
}

async function analysesDone(page) {
  await page.waitForSelector('[data-testid="angle-chart"][data-state="done"]', { timeout: 180000 });
  await page.waitForSelector('[data-testid="group-sweep"][data-state="done"]', { timeout: 60000 });
}

export default async function (t) {
  const { assert } = t;

  // p4cnn, rot90: the first experiment.
  let page = await t.open("#/image?model=p4cnn&g=rot90");
  await settled(page);
  assert.deepEqual(verdicts(await layerChecks(page)), EQUI_HEAD("lift_p4", "gconv_p4"));
  assert.match(await page.textContent('[data-testid="channels-note"]'), /8 channels × 4 orientations = 32 maps/);
  assert.equal(await page.locator('[data-testid="orbit"]').count(), 5, "one orbit figure per group layer");
  assert.match(await page.evaluate(() => location.hash), /orient=max/);
  await analysesDone(page);
  // The sweep over C4: every cell exact; group layers equivariant, gap and head invariant.
  const sweep = await page.$$eval('[data-testid="group-sweep"] tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.dataset.verdict)));
  assert.equal(sweep.length, 8);
  assertEvery(sweep.slice(0, 6), (row) => row.length > 1 && row.slice(1).every((v) => v === "equivariant"), "group layers equivariant for every g");
  assertEvery(sweep.slice(6), (row) => row.length > 0 && row.every((v) => v === "invariant"), "gap and head invariant for every g");
  // The angle chart: one line per layer, 73 angles from 0° to 360°.
  const chart = page.locator('[data-testid="angle-layers"]');
  assert.equal(await chart.getAttribute("data-series"), "8");
  assert.equal(await chart.getAttribute("data-points"), "73");
  assert.match(await page.textContent('[data-testid="angle-summary"]'), /Exact at 90°, 180° and 270°: p4cnn, p4mcnn/);
  assert.equal(await page.getAttribute('[data-testid="stride-parity"]', "data-exact"), "true");

  // Orientation pooling: mean instead of max, still equivariant; written to the URL.
  await page.selectOption('.model-panel label:has-text("Orientation pooling") select', "mean");
  await page.waitForFunction(() => location.hash.includes("orient=mean"));
  assert.deepEqual(verdicts(await layerChecks(page)), EQUI_HEAD("lift_p4", "gconv_p4"));
  assert.match(await page.textContent('[data-layer="5"][data-testid="layer-check"]'), /equivariant/);

  // A flip is not in C4: the lifting conv has no action of it, the head is not invariant.
  await page.fill('[data-testid="g-input"]', "flipx");
  await page.press('[data-testid="g-input"]', "Enter");
  await page.waitForFunction(() => location.hash.includes("g=flipx"));
  let checks = await layerChecks(page);
  assert.equal(checks[0].eq, null, "flipx has no action on p4 maps");
  assert.notEqual(checks[0].verdict, "equivariant");

  // p4mcnn, flipx: the same picture with flips; half the channels, said in words.
  page = await t.open("#/image?model=p4mcnn&g=flipx&preset=letter");
  await settled(page);
  assert.deepEqual(verdicts(await layerChecks(page)), EQUI_HEAD("lift_p4m", "gconv_p4m"));
  assert.match(await page.textContent('[data-testid="channels-note"]'), /4 channels × 8 orientations = 32 maps.*half the channels/);
  assert.equal(await page.getAttribute('[data-testid="orbit"]', "data-group"), "D4");

  // rot(45): not in the group, only approximately (or not) invariant at the head.
  page = await t.open("#/image?model=p4cnn&g=rot(45)&preset=blob&mask=1");
  await settled(page);
  checks = await layerChecks(page);
  const head = checks[checks.length - 1];
  assert.ok(["approximate", "neither"].includes(head.verdict), JSON.stringify(head));
  assert.ok(head.inv > 1e-4);
  assert.equal(await page.isChecked('[data-testid="mask-toggle"]'), true);
  await analysesDone(page);
  // The chart marks the current angle; quarter turns are exact, 45° is not.
  const numbers = await page.$$eval('[data-testid="angle-heads"] tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => parseFloat(c.textContent))));
  const at = (deg) => numbers.find((r) => r[0] === deg);
  const p4col = 1 + ["cnn-gap", "p4cnn", "p4mcnn"].indexOf("p4cnn");
  assert.ok(at(90)[p4col] < 1e-4 && at(45)[p4col] > 1e-4, JSON.stringify([at(45), at(90)]));
  // The readout and the chart measure the same thing (the mask is an input
  // preprocessing for both): the head error at 45° agrees.
  assert.ok(Math.abs(at(45)[p4col] - head.inv) <= 0.05 * head.inv, JSON.stringify([at(45), head]));
  // The slider sets g = rot(θ) (quarter turns become exact rot90).
  await page.$eval('[data-testid="angle-slider"]', (el) => {
    el.value = "90";
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await page.waitForFunction(() => location.hash.includes("g=rot90"));
  assert.equal((await layerChecks(page)).at(-1).verdict, "invariant");
  // Turning the mask off is written to the URL.
  await page.click('[data-testid="mask-toggle"]');
  await page.waitForFunction(() => !location.hash.includes("mask=1"));

  // An odd input side: the stride-2 pooling breaks exact rot90 equivariance.
  page = await t.open("#/image?model=p4cnn&g=rot90&size=63");
  await settled(page);
  checks = await layerChecks(page);
  assert.deepEqual(checks.slice(0, 2).map((c) => c.verdict), ["equivariant", "equivariant"]);
  assert.notEqual(checks[2].verdict, "equivariant", "maxpool on an odd side");
  assert.equal(await page.getAttribute('[data-testid="stride-parity"]', "data-exact"), "false");
  assert.match(await page.textContent('[data-testid="stride-parity"]'), /row 62 − i/);
  await page.click('[data-testid="stride-parity"] button:has-text("64×64")');
  await page.waitForFunction(() => !location.hash.includes("size="));
  assert.equal((await layerChecks(page))[2].verdict, "equivariant");

  // Screenshots: the key picture with oriented (hand-made) filters, frozen mid-turn.
  for (const [name, viewport] of [["desktop", { width: 1440, height: 1000 }], ["tablet", { width: 820, height: 1180 }]]) {
    page = await t.open("#/image?preset=letter&model=p4cnn&g=rot90&filters=handmade", viewport);
    await settled(page);
    await analysesDone(page);
    await t.screenshot(page, `gconv-top-${name}`);
    const lift = page.locator("#layer-0");
    await lift.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await freezeAnimations(page, 2000);
    await t.screenshotOf(lift, `gconv-orbit-mid-${name}`);
    await freezeAnimations(page, 3600);
    await t.screenshotOf(lift, `gconv-orbit-end-${name}`);
    await page.locator(".analysis").scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await t.screenshotOf(page.locator(".analysis"), `gconv-analysis-${name}`);
  }
  page = await t.open("#/image?preset=letter&model=p4mcnn&g=flipy&filters=handmade");
  await settled(page);
  const lift = page.locator("#layer-0");
  await lift.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await freezeAnimations(page, 2000);
  await t.screenshotOf(lift, `gconv-orbit-p4m-flip-mid`);
  await freezeAnimations(page, 4600);
  await t.screenshotOf(lift, `gconv-orbit-p4m-flip-end`);
}
