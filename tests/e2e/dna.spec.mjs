// The DNA lab through its observable contract: load a two-record FASTA file
// and pick a record, apply rc, read the verdicts of the plain and the
// RC-equivariant model, refuse a bad file and bad typing (line and column,
// sequence kept), update the checks as the learner types, and time the
// 100 kb preset.
import { layerChecks, settled, verdicts } from "./helpers.mjs";

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
  assert.ok(checks.every((c) => c.eq !== null && c.eq < 1e-4));
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

  // Tablet size.
  const tablet = await t.open("#/dna?preset=tata-box&model=rc-conv&g=rc&motif=TATAAA&pool=max", { width: 820, height: 1180 });
  await settled(tablet);
  await t.screenshot(tablet, "dna-tablet", true);

  // 100 kb: usable, a window is drawn, and a one-base edit recomputes only a window.
  const big = await t.open("#/dna?preset=random-100k&model=rc-conv&g=rc&seed=1", { width: 1440, height: 1000 });
  await settled(big);
  const full = await ms(big);
  assert.match(await big.textContent('[data-testid="dna-window"]'), /of 100,000/);
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
}
