// The image lab through its observable contract: the first screen answers
// (the compare strip and the network's verdict, at a projector's 1280×720
// and a tablet's 768×1024), the clean case shift(4,6) first and the subtle
// shift(3,5) next, the revised verdicts (g with no action, insensitive, broken
// here / lost earlier), buttons that set g and a compose mode that appends,
// the layer picker by keyboard, a stroke, and bad input refused.
import { assertEvery, assertFirstScreen, layerChecks, ruleVerdict, settled, verdicts } from "./helpers.mjs";

async function applyG(page, g) {
  await page.fill('[data-testid="g-input"]', g);
  await page.press('[data-testid="g-input"]', "Enter");
  await page.waitForFunction((g) => location.hash.includes(`g=${g}`), g);
}

export default async function (t) {
  const { assert } = t;

  // The first screen, as a class sees it: the default view is the clean case.
  for (const [w, h] of [[1280, 720], [768, 1024]]) {
    const first = await t.open("#/image", { width: w, height: h });
    await settled(first);
    await assertFirstScreen(first, `image ${w}×${h}`);
    assert.equal(await first.getAttribute('[data-testid="verdict"]', "data-verdict"), "invariant", "shift(4,6): the head is invariant");
    const checks = await layerChecks(first);
    assertEvery(checks, (c) => c.verdict === "invariant" || c.verdict === "equivariant", "shift(4,6): every layer exact");
    assert.match(await first.textContent('[data-testid="next-step"]'), /shift\(3,5\)|odd shift/);
    await t.screenshot(first, `image-first-${w}x${h}`);
  }

  const page = await t.open("#/image?preset=blob&model=cnn-gap&pad=circular&filters=random&g=id");
  await settled(page);

  // Draw a stroke with the mouse.
  const canvas = page.locator('[data-testid="draw-canvas"]');
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
  await page.mouse.down();
  for (let k = 1; k <= 12; k++) await page.mouse.move(box.x + box.width * (0.2 + 0.05 * k), box.y + box.height * (0.3 + 0.03 * k));
  await page.mouse.up();
  assert.match(await page.textContent(".draw-panel .panel-title"), /your drawing/);
  assert.doesNotMatch(await page.evaluate(() => location.hash), /preset=/, "a drawing is no longer the preset");

  // shift(3,5): conv and relu equivariant (circular padding); the stride-2
  // pooling has no action of an odd shift, shown in neutral grey, not as a failure.
  await applyG(page, "shift(3,5)");
  let checks = await layerChecks(page);
  assert.deepEqual(checks.slice(0, 2).map((c) => c.verdict), ["equivariant", "equivariant"]);
  assert.equal(checks[2].kind, "maxpool");
  assert.equal(checks[2].eq, null, "shift by 3 has no action after stride 2");
  assert.equal(checks[2].action, "none");
  assert.equal(checks[2].local, null);
  assert.ok(checks[0].eq < 1e-4);
  const pool = page.locator('[data-testid="layer-check"][data-layer="2"]');
  assert.match(await pool.textContent(), /g does not act on this output/);
  assert.ok(await pool.evaluate((e) => e.classList.contains("verdict-none")), "no action is neutral grey");
  assertEvery(checks, (c) => ruleVerdict(c) === c.verdict && c.base !== null, "every verdict follows the revised rule from its own numbers");

  // shift(4,6) is a whole number of pooling cells: everything up to GAP is exact, GAP invariant.
  await applyG(page, "shift(4,6)");
  checks = await layerChecks(page);
  assert.deepEqual(verdicts(checks), [
    "conv2d:equivariant", "relu:equivariant", "maxpool:equivariant", "conv2d:equivariant",
    "relu:equivariant", "gap:invariant", "dense:invariant",
  ]);

  // rot90 with random filters: the convolution breaks it itself, the layers
  // after it inherit; the head's small error is not "approximate".
  await applyG(page, "rot90");
  checks = await layerChecks(page);
  assert.equal(checks[0].verdict, "neither");
  assert.ok(checks[0].eq > 0.05 && checks[0].local > 1e-4, "broken here");
  assert.ok(checks[1].local < 1e-4, "the relu only inherits it");
  assert.match(await page.textContent('[data-testid="layer-check"][data-layer="0"]'), /broken here/i);
  assert.match(await page.textContent('[data-testid="layer-check"][data-layer="1"]'), /lost earlier/i);
  const ms = Number(await page.getAttribute('[data-testid="compute-ms"]', "data-ms"));
  assert.ok(ms > 0, "compute-ms reports a real time");
  await t.screenshot(page, "image-rot90", true);

  // The inverse button brings g·x back to x: every layer is invariant.
  await page.click("text=Apply g⁻¹");
  checks = await layerChecks(page);
  assertEvery(checks, (c) => c.verdict === "invariant", "g·g⁻¹ is the identity");

  // A quick button sets g; pressed twice it is still one quarter turn.
  // With "compose" ticked it appends.
  await page.click('.quick-steps button:has-text("rot90")');
  await page.waitForFunction(() => /g=rot90(&|$)/.test(location.hash));
  await page.click('.quick-steps button:has-text("rot90")');
  await page.waitForTimeout(150);
  assert.match(await page.evaluate(() => location.hash), /g=rot90(&|$)/, "a button sets g");
  await page.check('[data-testid="compose-toggle"]');
  await page.click('.quick-steps button:has-text("flip ↔")');
  await page.waitForFunction(() => location.hash.includes("g=rot90;flipx"));
  await page.uncheck('[data-testid="compose-toggle"]');
  // Reset g also resets the shift fields.
  await page.fill('.transform-panel input[type=number] >> nth=0', "7");
  await page.click('[data-testid="reset-g"]');
  await page.waitForFunction(() => location.hash.includes("g=id") || !location.hash.includes("g="));
  assert.ok(await page.locator('.quick-steps button:has-text("shift(4,6)")').count() === 1, "Reset g resets dx, dy");

  // The layer picker, by keyboard: the strip follows.
  await applyG(page, "rot90");
  await page.focus('.layer-picker [aria-checked="true"]');
  const before = await page.getAttribute('.layer-picker [aria-checked="true"]', "data-layer-pick");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction((b) => document.querySelector('.layer-picker [aria-checked="true"]')?.dataset.layerPick !== b, before);
  const now = Number(await page.getAttribute('.layer-picker [aria-checked="true"]', "data-layer-pick"));
  assert.equal(now, Number(before) + 1);
  assert.match(await page.textContent(".strip-check"), new RegExp(`Layer ${now + 1}:`));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.layerPick), String(now), "the focus follows the choice");

  // A classifier's answer for x and g·x.
  const pred = page.locator('[data-testid="prediction"]');
  assert.ok((await pred.getAttribute("data-x")) !== null && (await pred.getAttribute("data-gx")) !== null);

  // Bad input: a file that is not an image is refused, the drawing kept.
  await page.setInputFiles('[data-testid="image-file"]', { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not really a png") });
  await page.waitForSelector('[data-testid="error"]');
  assert.match(await page.textContent('[data-testid="error"]'), /not a PNG or JPEG|not loaded/);
  assert.match(await page.textContent(".draw-panel .panel-title"), /your drawing/);

  // The case: a plain CNN with random filters under rot90 is not
  // "approximately invariant" at its head, and the page says why.
  const plain = await t.open("#/image?model=cnn-gap&filters=random&g=rot90", { width: 1280, height: 720 });
  await settled(plain);
  checks = await layerChecks(plain);
  assert.notEqual(checks.at(-1).verdict, "approximate", JSON.stringify(checks.at(-1)));
  assert.match(await plain.textContent('[data-testid="verdict"]'), /barely reacts to where things are/);
  await assertFirstScreen(plain, "cnn-gap rot90");

  // The trained classifier (the default filters) reads the digit: a shift by
  // whole pooling cells keeps the answer, a quarter turn changes it, and the
  // quarter-turn-invariant p4cnn gives the same answer for both.
  const answers = async (hash) => {
    const p = await t.open(hash, { width: 1280, height: 720 });
    await settled(p);
    const pr = p.locator('[data-testid="prediction"]');
    return [await pr.getAttribute("data-x"), await pr.getAttribute("data-gx")];
  };
  assert.deepEqual(await answers("#/image?preset=digit3&model=cnn-gap&g=shift(4,6)"), ["3", "3"]);
  const [x, gx] = await answers("#/image?preset=digit3&model=cnn-gap&g=rot90");
  assert.equal(x, "3");
  assert.notEqual(gx, "3", "a plain CNN does not recognise a turned 3");
  const [px, pgx] = await answers("#/image?preset=digit3&model=p4cnn&g=rot90");
  assert.equal(px, pgx, "p4cnn gives a turned digit the same answer");
  assert.equal(px, "3");
}
