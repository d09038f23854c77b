// Walk the whole guided tour with the keyboard; every step must render its
// live lab (an embedded view of the app) without a console error or an
// off-origin request, and presentation mode must fit a projector.
export default async function (t) {
  const { assert } = t;
  const page = await t.open("#/tour?step=1", { width: 1280, height: 720 });
  await page.waitForSelector('[data-testid="tour-step"]');
  const total = Number((await page.textContent('[data-testid="tour-step"]')).match(/of (\d+)/)[1]);
  assert.ok(total >= 12, `the tour has ${total} steps`);
  for (let k = 1; k <= total; k++) {
    assert.equal(await page.textContent('[data-testid="tour-step"]'), `Step ${k} of ${total}`);
    const frame = page.frameLocator(".tour-view iframe");
    await frame.locator("main").waitFor({ timeout: 15000 });
    const labRoutes = ["#/image", "#/dna", "#/graph", "#/sequence", "#/train"];
    const src = await page.getAttribute(".tour-view iframe", "src");
    assert.match(src, /embed=1/);
    if (labRoutes.some((r) => src.includes(r))) {
      // Every lab in the tour shows its per-layer readouts.
      await frame.locator('[data-testid="layer-check"]').first().waitFor({ timeout: 15000 });
    }
    if (k === 7) await t.screenshot(page, "tour-step7");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(k === total ? "Home" : "ArrowRight");
  }
  assert.equal(await page.textContent('[data-testid="tour-step"]'), `Step 1 of ${total}`);
  await page.keyboard.press("End");
  assert.equal(await page.textContent('[data-testid="tour-step"]'), `Step ${total} of ${total}`);

  // Presentation mode: no header, large type, the counter visible.
  await page.goto(t.url + "#/tour?step=6&present=1");
  await page.waitForSelector(".tour.presenting");
  await page.frameLocator(".tour-view iframe").locator('[data-testid="layer-check"]').first().waitFor({ timeout: 15000 });
  assert.equal(await page.locator(".site-header").isVisible(), false);
  assert.ok(await page.locator('[data-testid="tour-step"]').isVisible());
  await t.screenshot(page, "tour-present-1280x720");
}
