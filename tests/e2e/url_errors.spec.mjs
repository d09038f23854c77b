// Unknown preset, model or g= in the URL: a clear message, the rest of the
// view still works, no panic.
import { settled } from "./helpers.mjs";

export default async function (t) {
  const { assert } = t;
  const page = await t.open("#/image?preset=unicorn&g=spin(3)&model=resnet&seed=7");
  await settled(page);
  const msg = await page.textContent('[data-testid="error"]');
  assert.match(msg, /unicorn/);
  assert.match(msg, /spin\(3\)/);
  assert.match(msg, /resnet/);
  assert.equal(await page.locator("#panic-banner").count(), 0);
  assert.ok((await page.locator('[data-testid="layer-check"]').count()) >= 7);
  // The seed that was valid is kept.
  await page.waitForFunction(() => location.hash.includes("seed=7"));

  const home = await t.open("#/");
  assert.match(await home.textContent("h1"), /symmetry/i);
  await t.screenshot(home, "home");
}
