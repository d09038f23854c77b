// The guided tour, as a class sees it: every step opens its lab on exactly
// the part it talks about, and that target is inside the frame's visible
// area, outlined; keys move between steps; a "try this" waits for the
// learner's action and "Show me" does it; presenting scales the page (body
// text at least 24 px at 1280×720); on a phone the step list is reachable,
// there is no keyboard hint, and the frame grows to its content.

/** The step's target inside the frame: its box against the frame's viewport. */
async function targetInFrame(page, label = "") {
  try {
    return await targetBox(page);
  } catch (e) {
    throw new Error(`${label}: ${e.message}`);
  }
}

async function targetBox(page) {
  const selector = await page.getAttribute('[data-testid="tour-step"]', "data-target");
  const frame = page.frameLocator(".tour-view iframe");
  const target = frame.locator(selector).first();
  await target.waitFor({ timeout: 20000 });
  await page.waitForFunction(
    (sel) => document.querySelector(".tour-view iframe")?.contentDocument?.querySelector(sel)?.hasAttribute("data-tour-target"),
    selector,
    { timeout: 10000 },
  );
  return target.evaluate((el) => {
    const b = el.getBoundingClientRect();
    return { top: b.top, bottom: b.bottom, h: b.height, vh: window.innerHeight, marked: el.hasAttribute("data-tour-target") };
  });
}

export default async function (t) {
  const { assert } = t;
  const page = await t.open("#/tour?step=1", { width: 1280, height: 720 });
  await page.waitForSelector('[data-testid="tour-step"]');
  const total = Number((await page.textContent('[data-testid="tour-step"]')).match(/of (\d+)/)[1]);
  assert.ok(total >= 12, `the tour has ${total} steps`);
  for (let k = 1; k <= total; k++) {
    assert.equal(await page.textContent('[data-testid="tour-step"]'), `Step ${k} of ${total}`);
    const src = await page.getAttribute(".tour-view iframe", "src");
    assert.match(src, /embed=1/);
    const box = await targetInFrame(page, `step ${k} (${src})`);
    assert.ok(box.marked, `step ${k}: the target is outlined`);
    // Visible inside the frame: its top in view and at least part of it shown.
    assert.ok(box.top >= -1 && box.top < box.vh && box.h > 0, `step ${k}: the target is in the frame's view ${JSON.stringify(box)}`);
    if (k === 6) await t.screenshot(page, "tour-step6");
    if (k < total) {
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction((n) => document.querySelector('[data-testid="tour-step"]').textContent.startsWith(`Step ${n} `), k + 1);
    }
  }
  await page.keyboard.press("Home");
  assert.equal(await page.textContent('[data-testid="tour-step"]'), `Step 1 of ${total}`);

  // A "try this" that waits: step 4 asks for cnn-gap; "Show me" does it.
  await page.goto(t.url + "#/tour?step=4");
  await page.waitForSelector('[data-testid="show-me"]');
  assert.equal(await page.getAttribute('[data-testid="tour-try"]', "data-done"), "false");
  await targetInFrame(page, "step 4 before show me");
  await page.click('[data-testid="show-me"]');
  await page.waitForSelector('[data-testid="tour-try"][data-done="true"]', { timeout: 10000 });
  assert.match(await page.textContent('[data-testid="tour-try"]'), /Now look/);
  const frameVerdict = page.frameLocator(".tour-view iframe").locator('[data-testid="verdict"]');
  await page.waitForFunction(() => document.querySelector(".tour-view iframe").contentDocument.querySelector('[data-testid="verdict"]')?.dataset.verdict === "invariant", null, { timeout: 10000 });
  assert.equal(await frameVerdict.getAttribute("data-verdict"), "invariant");

  // Presenting: the page and the lab in it scale up.
  await page.goto(t.url + "#/tour?step=6&present=1");
  await page.waitForSelector(".tour.presenting");
  await targetInFrame(page, "presenting step 6");
  const sizes = await page.evaluate(() => ({
    body: parseFloat(getComputedStyle(document.querySelector(".tour .lead")).fontSize),
    lab: parseFloat(getComputedStyle(document.querySelector(".tour-view iframe").contentDocument.body).fontSize),
  }));
  assert.ok(sizes.body >= 24 && sizes.lab >= 24, `readable from the back: ${JSON.stringify(sizes)}`);
  await t.screenshot(page, "tour-present-1280x720");

  // A phone: one column, the step list reachable, no keyboard hint, no scroll box in the page.
  const phone = await t.open("#/tour?step=2", { width: 390, height: 844 }, { hasTouch: true, isMobile: true });
  await phone.waitForSelector('[data-testid="tour-step"]');
  assert.ok(await phone.locator(".tour-index-wrap summary").isVisible(), "the step list is reachable");
  assert.equal(await phone.locator(".tour .keys").isVisible(), false, "no keyboard hint on a touch screen");
  // The lab starts when its frame is on screen (below the step's text on a phone).
  await phone.locator(".tour-view iframe").scrollIntoViewIfNeeded();
  await targetInFrame(phone, "phone step 2");
  await phone.waitForFunction(() => {
    const f = document.querySelector(".tour-view iframe");
    const d = f.contentDocument.documentElement;
    return d.scrollHeight <= f.clientHeight + 2;
  }, null, { timeout: 10000 });
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 391, `no sideways scrolling on a phone (${wide})`);
  await t.screenshot(phone, "tour-phone", true);
}
