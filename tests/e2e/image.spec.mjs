// The image lab through its observable contract: draw a stroke, apply
// shift(3,5) and rot90, read the layer-check attributes, refuse bad input.
import { layerChecks, settled, verdicts } from "./helpers.mjs";

export default async function (t) {
  const { assert } = t;
  const page = await t.open("#/image?preset=blob&model=cnn-gap&pad=circular&g=id");
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

  // shift(3,5): conv and relu equivariant (circular padding), the stride-2 pooling has
  // no action of an odd shift, and global pooling is only approximately invariant.
  await page.fill('[data-testid="g-input"]', "shift(3,5)");
  await page.press('[data-testid="g-input"]', "Enter");
  await page.waitForFunction(() => location.hash.includes("g=shift(3,5)"));
  let checks = await layerChecks(page);
  assert.deepEqual(checks.slice(0, 2).map((c) => c.verdict), ["equivariant", "equivariant"]);
  assert.equal(checks[2].kind, "maxpool");
  assert.equal(checks[2].eq, null, "shift by 3 has no action after stride 2");
  assert.ok(checks[0].eq < 1e-4);

  // shift(4,6) is a whole number of pooling cells: everything up to GAP is exact, GAP invariant.
  await page.fill('[data-testid="g-input"]', "shift(4,6)");
  await page.press('[data-testid="g-input"]', "Enter");
  await page.waitForFunction(() => location.hash.includes("g=shift(4,6)"));
  checks = await layerChecks(page);
  assert.deepEqual(verdicts(checks), [
    "conv2d:equivariant", "relu:equivariant", "maxpool:equivariant", "conv2d:equivariant",
    "relu:equivariant", "gap:invariant", "dense:invariant",
  ]);

  // rot90 with random filters: the convolution is not equivariant.
  await page.fill('[data-testid="g-input"]', "rot90");
  await page.press('[data-testid="g-input"]', "Enter");
  await page.waitForFunction(() => location.hash.includes("g=rot90"));
  checks = await layerChecks(page);
  assert.equal(checks[0].verdict, "neither");
  assert.ok(checks[0].eq > 0.05);
  const ms = Number(await page.getAttribute('[data-testid="compute-ms"]', "data-ms"));
  assert.ok(ms > 0, "compute-ms reports a real time");
  await t.screenshot(page, "image-rot90", true);

  // The inverse button brings g·x back to x: every layer is invariant.
  await page.click("text=Apply g⁻¹");
  checks = await layerChecks(page);
  assert.ok(checks.every((c) => c.verdict === "invariant"), JSON.stringify(checks));

  // Bad input: a file that is not an image is refused, the drawing kept.
  await page.setInputFiles('[data-testid="image-file"]', { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not really a png") });
  await page.waitForSelector('[data-testid="error"]');
  assert.match(await page.textContent('[data-testid="error"]'), /not a PNG or JPEG|not loaded/);
  assert.match(await page.textContent(".draw-panel .panel-title"), /your drawing/);
}
