// Nothing lost: leaving a lab and coming back through the navigation, or
// reloading, brings back the learner's last view of that lab.
import { layerChecks, settled } from "./helpers.mjs";

export default async function (t) {
  const { assert } = t;
  const page = await t.open("#/image?preset=letter&g=rot90&model=cnn-flatten&seed=5");
  await settled(page);
  await page.click('nav a:has-text("Groups")');
  await page.waitForSelector("table.cayley");
  await page.click('nav a:has-text("Images")');
  await settled(page);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /g=rot90/);
  assert.match(hash, /model=cnn-flatten/);
  assert.match(hash, /seed=5/);
  const kinds = (await layerChecks(page)).map((c) => c.kind);
  assert.ok(kinds.includes("flatten"), "the restored model is cnn-flatten");
  await page.reload();
  await settled(page);
  assert.equal(await page.evaluate(() => location.hash), hash);
}
