// Keyboard only (issue 9): the whole image lab with Tab, Enter, arrows and
// Space, never the mouse: pick a preset, build g, change the model, turn the
// rotation slider, export. Every focused control shows its focus ring, and
// the verdicts follow each change.
import { layerChecks, settled, verdicts } from "./helpers.mjs";

/** Press Tab until the focused element matches `test` (run in the page). */
async function tabTo(t, page, test, arg, what) {
  for (let k = 0; k < 250; k++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(test, arg)) {
      const ring = await page.evaluate(() => {
        const e = document.activeElement;
        const s = getComputedStyle(e);
        const within = e.closest(".file-button");
        return {
          visible: e.matches(":focus-visible"),
          outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
          within: within ? getComputedStyle(within).outlineStyle !== "none" : false,
        };
      });
      t.assert.ok(ring.visible && (ring.outline || ring.within), `${what}: the focus is visible (${JSON.stringify(ring)})`);
      return;
    }
  }
  throw new Error(`Tab never reached ${what}`);
}

const byText = (text) => document.activeElement?.textContent?.trim() === text;

export default async function (t) {
  const { assert } = t;
  const page = await t.open("#/image?preset=digit3&model=cnn-gap&pad=circular&g=id");
  await settled(page);
  await page.evaluate(() => document.activeElement?.blur());

  // A preset by keyboard.
  await tabTo(t, page, byText, "Blob", "the Blob preset");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash.includes("preset=blob"));

  // g = rot90 with the transformation buttons.
  await tabTo(t, page, byText, "rot90", "the rot90 button");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash.includes("g=rot90"));
  let checks = await layerChecks(page);
  assert.equal(checks[0].verdict, "neither", "a plain conv does not rotate with the input");

  // The model: p4cnn, two steps down the Model list with the arrow keys.
  await tabTo(t, page, () => document.activeElement?.tagName === "SELECT" && document.activeElement.closest("label")?.textContent.startsWith("Model"), null, "the Model list");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => location.hash.includes("model=p4cnn"));
  await settled(page);
  checks = await layerChecks(page);
  assert.equal(checks[0].kind, "lift_p4");
  assert.equal(checks[0].verdict, "equivariant", "the lifting layer rotates with the input");
  assert.equal(checks.at(-1).verdict, "invariant");

  // The rotation slider: an arrow key turns g away from a quarter turn.
  await tabTo(t, page, () => document.activeElement?.dataset.testid === "angle-slider", null, "the angle slider");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => !location.hash.includes("g=rot90&"));
  await page.waitForTimeout(200);
  checks = await layerChecks(page);
  assert.ok(["approximate", "neither"].includes(checks.at(-1).verdict), `off the grid: ${verdicts(checks)}`);

  // Back to a quarter turn by typing g and pressing Enter.
  await tabTo(t, page, () => document.activeElement?.dataset.testid === "g-input", null, "the g field");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("rot180");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash.includes("g=rot180"));
  checks = await layerChecks(page);
  assert.equal(checks.at(-1).verdict, "invariant");

  // Export with the keyboard.
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(t, page, () => document.activeElement?.dataset.testid === "export-json", null, "Export JSON");
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  assert.match(download.suggestedFilename(), /symmetry-lab-image\.json/);
  await t.screenshot(page, "keyboard-focus");
}
