// Embedding: a lab in an <iframe> far down a blog post starts its engine only
// when scrolled into view; before that a loading placeholder shows and the
// wasm is not even downloaded. In the frame: the lab alone, a link back.
export default async function (t) {
  const { assert } = t;
  const page = await t.open("__fixtures__/embed-host.html", { width: 1000, height: 700 });
  const wasm = [];
  page.on("request", (r) => { if (r.url().endsWith(".wasm")) wasm.push(r.url()); });
  await page.waitForTimeout(1500);
  const frame = page.frameLocator("#lab");
  await frame.locator("#boot").waitFor();
  assert.equal(wasm.length, 0, "the engine must not load before the frame is visible");
  await page.locator("#lab").scrollIntoViewIfNeeded();
  await frame.locator('[data-testid="layer-check"]').first().waitFor({ timeout: 15000 });
  assert.equal(wasm.length, 1);
  assert.equal(await frame.locator(".site-header").count(), 0, "no navigation in an embed");
  assert.match(await frame.locator(".embed-credit").getAttribute("href"), /#\/image\?/);
  await t.screenshot(page, "embed-in-blog");
}
