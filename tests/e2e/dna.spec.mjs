// The DNA lab through its observable contract: load a two-record FASTA file
// and pick a record, apply rc, read the verdicts of the plain and the
// RC-equivariant model, refuse a bad file and bad typing (line and column,
// sequence kept), update the checks as the learner types, and time the
// 100 kb preset. The first screen answers at 1280x720 and 768x1024 (x, g·x,
// the one verdict and the compare strip's four panels without scrolling),
// the layer picker follows the arrow keys, a quick button sets g and
// "compose" appends, a motif model says its second conv is a pass-through,
// and while a long strand's full run goes on the strip shows its progress,
// never stale panels.
import { assertEvery, layerChecks, settled, verdicts } from "./helpers.mjs";

const STRIP = '[data-testid="compare-strip"]';

/** Where the answer sits on the first screen (nothing scrolled). */
async function firstScreen(page) {
  return page.evaluate(() => {
    const box = (e) => {
      if (!e) return null;
      const b = e.getBoundingClientRect();
      return { top: b.top, bottom: b.bottom, left: b.left, right: b.right };
    };
    const strip = document.querySelector('[data-testid="compare-strip"]');
    return {
      scrollY: window.scrollY,
      height: window.innerHeight,
      width: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
      verdicts: document.querySelectorAll('[data-testid="verdict"]').length,
      verdict: box(document.querySelector('[data-testid="verdict"]')),
      strip: box(strip),
      panels: ["x", "gx", "fx", "fgx", "moved", "diff"].map((k) => [k, box(strip?.querySelector(`[data-panel="${k}"]`))]),
    };
  });
}

function assertFirstScreen(assert, r, where) {
  assert.equal(r.scrollY, 0, `${where}: not scrolled`);
  assert.equal(r.verdicts, 1, `${where}: exactly one verdict`);
  assert.ok(r.verdict && r.verdict.top >= 0 && r.verdict.bottom <= r.height, `${where}: verdict ${JSON.stringify(r.verdict)}`);
  assert.ok(r.strip && r.strip.bottom <= r.height, `${where}: strip ${JSON.stringify(r.strip)} in ${r.height}`);
  assert.equal(r.panels.length, 6);
  for (const [k, b] of r.panels) assert.ok(b && b.top >= 0 && b.bottom <= r.height, `${where}: panel ${k} ${JSON.stringify(b)}`);
}

/** The layer the strip's picker has on. */
const picked = (page) => page.$eval(`${STRIP} [data-layer-pick][aria-checked="true"]`, (e) => Number(e.dataset.layerPick));
/** The accessible name of the strip's f(x) picture (it names the layer). */
const fxName = (page) => page.$eval(`${STRIP} [data-panel="fx"] [aria-label]`, (e) => e.getAttribute("aria-label"));
const chips = (page) => page.locator(".transform-panel .g-stack .chip").count();

const textOf = (page) => page.$eval('[data-testid="dna-text"]', (e) => e.value);
const ms = async (page) => Number(await page.getAttribute('[data-testid="compute-ms"]', "data-ms"));

async function applyG(page, expr) {
  await page.fill('[data-testid="g-input"]', expr);
  await page.press('[data-testid="g-input"]', "Enter");
  await page.waitForFunction((e) => location.hash.includes(`g=${e}`), expr);
}

async function setModel(page, name) {
  await page.locator(".model-panel select").first().selectOption(name);
  await page.waitForFunction((n) => location.hash.includes(`model=${n}`), name);
}

export default async function (t) {
  const { assert } = t;
  const page = await t.open("#/dna?model=conv&g=id&pad=circular&pool=avg&seed=3");
  await settled(page);
  console.log(`     default view (tata-box, conv, id): compute-ms ${await ms(page)}`);

  // A FASTA file with two records: the first is shown, the second chosen.
  await page.setInputFiles('[data-testid="dna-file"]', t.fixture("two_records.fa"));
  await page.waitForSelector('[data-testid="dna-record"]');
  assert.match(await textOf(page), /^ATGGTGCACCTG/);
  await page.selectOption('[data-testid="dna-record"]', "1");
  await page.waitForFunction(() => document.querySelector('[data-testid="dna-text"]').value.startsWith("GGGGCTATAAAAG"));
  assert.match(await page.textContent(".dna-input-panel .panel-title"), /ad2_mlp/);

  // rc: a plain conv1d reads one strand only.
  await applyG(page, "rc");
  let checks = await layerChecks(page);
  assert.deepEqual(checks.map((c) => c.kind), ["conv1d", "relu", "conv1d", "relu", "gap", "dense"]);
  for (const c of checks.filter((c) => c.kind === "conv1d")) {
    assert.equal(c.verdict, "neither", JSON.stringify(c));
    assert.ok(c.eq > 0.05);
  }
  assert.notEqual(checks.at(-1).verdict, "invariant");
  console.log(`     conv, rc, 69 bases: compute-ms ${await ms(page)}`);

  // The RC-equivariant model: pairs swap and positions reverse, then the pooled score is invariant.
  await setModel(page, "rc-conv");
  checks = await layerChecks(page);
  assert.deepEqual(verdicts(checks), [
    "rc_conv1d:equivariant", "relu:equivariant", "rc_conv1d:equivariant", "relu:equivariant",
    "strand_pool:equivariant", "gap:invariant", "dense:invariant",
  ]);
  assertEvery(checks, (c) => c.eq !== null && c.eq < 1e-4, "every layer exact");
  console.log(`     rc-conv, rc, 69 bases: compute-ms ${await ms(page)}`);
  await t.screenshot(page, "dna-rc-conv", true);

  // A bad FASTA file: refused with line and column, the sequence kept.
  const before = await textOf(page);
  await page.setInputFiles('[data-testid="dna-file"]', t.fixture("bad_letter.fa"));
  await page.waitForSelector('[data-testid="error"]');
  assert.match(await page.textContent('[data-testid="error"]'), /line 3, column 5/);
  assert.match(await page.textContent('[data-testid="error"]'), /'X'/);
  assert.equal(await textOf(page), before);
  assert.equal((await layerChecks(page)).length, 7);

  // Typing: an in-place edit recomputes a window and updates the checks.
  const err0 = (await layerChecks(page))[0].inv;
  const edited = "C" + before.slice(1);
  await page.fill('[data-testid="dna-text"]', edited);
  await page.waitForFunction(() => /edit of bases 1–1/.test(document.querySelector('[data-testid="dna-update"]').textContent));
  checks = await layerChecks(page);
  assert.notEqual(checks[0].inv, err0, "the checks follow the typed sequence");
  assert.equal(checks.at(-1).verdict, "invariant");
  // Lower case and a new length are accepted; the whole pipeline reruns.
  await page.fill('[data-testid="dna-text"]', "ttatataaagc gaattc");
  await page.waitForFunction(() => location.hash.includes("seq=TTATATAAAGCGAATTC"));
  assert.equal((await layerChecks(page))[0].verdict, "equivariant");
  // A typo: refused with line and column, the last valid sequence kept.
  await page.fill('[data-testid="dna-text"]', "TTATA\nAAJGC");
  await page.waitForSelector('[data-testid="error"]');
  assert.match(await page.textContent('[data-testid="error"]'), /line 2, column 3/);
  assert.ok((await page.evaluate(() => location.hash)).includes("seq=TTATATAAAGCGAATTC"));
  assert.equal(await textOf(page), "TTATA\nAAJGC", "the editor keeps what was typed");

  // The EcoRI example: a palindromic site, its detector, max pooling.
  await page.click("text=Load the EcoRI example");
  await page.waitForFunction(() => location.hash.includes("preset=ecori") && location.hash.includes("motif=GAATTC"));
  checks = await layerChecks(page);
  assert.equal(checks.at(-1).verdict, "invariant");
  assert.equal(checks[5].kind, "gmp");

  // The first screen answers, at a laptop's size.
  const laptop = await t.open("#/dna?preset=tata-box&model=rc-conv&g=rc&pad=circular&pool=avg&seed=1", { width: 1280, height: 720 });
  await settled(laptop);
  assertFirstScreen(assert, await firstScreen(laptop), "1280x720");
  assert.equal(await laptop.getAttribute('[data-testid="verdict"]', "data-verdict"), "invariant");
  assert.equal(await laptop.locator(".lab-status .overall").count(), 0, "the old status-line verdict is gone");
  await t.screenshot(laptop, "dna-first-screen-1280");

  // The layer picker: a click, then the arrow keys; the strip's panels follow.
  const picks = laptop.locator(`${STRIP} [data-layer-pick]`);
  assert.equal(await picks.count(), 7);
  await picks.nth(0).click();
  assert.equal(await picked(laptop), 0);
  assert.match(await fxName(laptop), /^layer 1 f\(x\)/);
  await laptop.keyboard.press("ArrowRight");
  await laptop.waitForFunction((s) => document.querySelector(`${s} [data-layer-pick][aria-checked="true"]`).dataset.layerPick === "1", STRIP);
  assert.match(await fxName(laptop), /^layer 2 f\(x\)/);
  assert.match(await laptop.textContent(`${STRIP} .strip-label`), /^Layer 2:/);
  await laptop.keyboard.press("End");
  await laptop.waitForFunction((s) => document.querySelector(`${s} [data-layer-pick][aria-checked="true"]`).dataset.layerPick === "6", STRIP);
  assert.match(await fxName(laptop), /^layer 7 f\(x\)/);
  assert.equal(await laptop.locator(`${STRIP} [data-panel="fx"] .strip-bars`).count(), 1, "the score as bars");
  await laptop.keyboard.press("ArrowLeft");
  await laptop.waitForFunction((s) => document.querySelector(`${s} [data-layer-pick][aria-checked="true"]`).dataset.layerPick === "5", STRIP);
  assert.equal(await picked(laptop), 5);
  assert.match(await fxName(laptop), /^layer 6 f\(x\)/);

  // A quick button sets g; pressing it again does not compose; "compose" appends.
  const rcButton = laptop.locator(".transform-panel .quick-steps button", { hasText: /^rc$/ });
  await laptop.click('[data-testid="reset-g"]');
  await laptop.waitForFunction(() => location.hash.includes("g=id"));
  assert.equal(await chips(laptop), 0);
  await rcButton.click();
  await laptop.waitForFunction(() => /g=rc(&|$)/.test(location.hash));
  await rcButton.click();
  assert.equal(await chips(laptop), 1, "a second press sets g again");
  await laptop.check('[data-testid="compose-toggle"]');
  await laptop.locator(".transform-panel .quick-steps button", { hasText: /^\+ rc$/ }).click();
  await laptop.waitForFunction(() => location.hash.includes("g=rc;rc"));
  assert.equal(await chips(laptop), 2, "compose appends the step");
  assert.match(await laptop.textContent('[data-testid="composed"]'), /identity/);
  await laptop.locator(".transform-panel .quick-steps button", { hasText: /^\+ shift\(3\)$/ }).click();
  await laptop.waitForFunction(() => location.hash.includes("g=rc;rc;shift(3)"));
  await laptop.uncheck('[data-testid="compose-toggle"]');
  await laptop.locator(".transform-panel .quick-steps button", { hasText: /^shift\(3\)$/ }).click();
  await laptop.waitForFunction(() => /g=shift\(3\)(&|$)/.test(location.hash));
  assert.equal(await chips(laptop), 1);

  // With a motif the second conv is a pass-through, and every text says so.
  const motif = await t.open("#/dna?preset=tata-box&model=conv&g=rc&motif=TATAAA&pool=max&seed=1", { width: 1280, height: 720 });
  await settled(motif);
  const conv2 = motif.locator("#layer-2");
  assert.match(await conv2.locator(".layer-label").textContent(), /conv1d .*: a pass-through \(copies each channel\)/);
  await motif.locator(`${STRIP} [data-layer-pick="2"]`).click();
  assert.match(await motif.textContent(`${STRIP} .strip-label`), /^Layer 3: .*pass-through/);
  assert.match(await conv2.locator(".why").textContent(), /pass-through: each output channel copies one input channel/);
  assert.doesNotMatch(await conv2.locator(".why").textContent(), /has no RC\(w\)/, "no first-layer story for the copy");
  assert.match(await motif.textContent(".model-panel"), /second convolution is a pass-through/);
  assert.match(await motif.textContent(".model-panel .chain"), /conv1d \(pass-through\)/);

  // Tablet size.
  const portrait = await t.open("#/dna?preset=tata-box&model=rc-conv&g=rc&pad=circular&pool=avg&seed=1", { width: 768, height: 1024 });
  await settled(portrait);
  assertFirstScreen(assert, await firstScreen(portrait), "768x1024");
  await t.screenshot(portrait, "dna-first-screen-768");
  const phone = await t.open("#/dna?preset=tata-box&model=rc-conv&g=rc&pad=circular&pool=avg&seed=1", { width: 390, height: 844 });
  await settled(phone);
  const small = await firstScreen(phone);
  assert.ok(small.scrollWidth <= small.width, `no horizontal overflow at 390: ${small.scrollWidth} > ${small.width}`);
  const tablet = await t.open("#/dna?preset=tata-box&model=rc-conv&g=rc&motif=TATAAA&pool=max", { width: 820, height: 1180 });
  await settled(tablet);
  await t.screenshot(tablet, "dna-tablet", true);

  // 100 kb: usable, a window is drawn, and a one-base edit recomputes only a window.
  const big = await t.open("#/dna?preset=random-100k&model=rc-conv&g=rc&seed=1", { width: 1440, height: 1000 });
  await settled(big);
  const full = await ms(big);
  assert.match(await big.textContent('[data-testid="dna-window"]'), /of 100,000/);
  assert.equal(await big.locator(`${STRIP} [data-panel="x"] [data-testid="dna-window"]`).count(), 1, "the window bar is in the strip");
  await big.evaluate(() => {
    const ta = document.querySelector('[data-testid="dna-text"]');
    const v = ta.value;
    const i = 50000;
    ta.value = v.slice(0, i) + (v[i] === "A" ? "C" : "A") + v.slice(i + 1);
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await big.waitForFunction(() => /edit of bases 50,001–50,001/.test(document.querySelector('[data-testid="dna-update"]').textContent));
  const edit = await ms(big);
  const bigChecks = await layerChecks(big);
  assert.equal(bigChecks.at(-1).verdict, "invariant");
  console.log(`     100 kb rc-conv rc: full compute-ms ${full}, one-base edit compute-ms ${edit}`);
  await t.screenshot(big, "dna-100k", false);

  // A new model reruns the 100 kb strand in slices: the strip shows the
  // progress (and x, g·x), never the old model's panels or verdict.
  await big.evaluate((s) => {
    window.__strip = { progress: 0, stale: 0 };
    new MutationObserver(() => {
      const strip = document.querySelector(s);
      if (!strip || !strip.querySelector('[data-testid="dna-progress"]')) return;
      window.__strip.progress++;
      const verdict = strip.querySelector('[data-testid="verdict"]');
      if (strip.querySelector('[data-panel="fx"]') || verdict.dataset.verdict !== "none" || !strip.querySelector('[data-panel="x"] .strand-strip')) {
        window.__strip.stale++;
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, STRIP);
  await setModel(big, "conv");
  await big.waitForFunction(() => document.querySelectorAll('[data-testid="layer-check"]').length === 6);
  const seen = await big.evaluate(() => window.__strip);
  assert.ok(seen.progress > 0, "the strip showed the run's progress");
  assert.equal(seen.stale, 0, "no stale panels or verdict while the run went on");
  assert.equal(await big.locator(`${STRIP} [data-testid="dna-progress"]`).count(), 0);
  assert.equal(await big.locator(`${STRIP} [data-panel="fx"]`).count(), 1, "the panels are back when the run is done");
}
