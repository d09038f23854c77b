// End-to-end tests of the release build: serve dist/ on 127.0.0.1, drive
// Debian's Chromium with playwright-core, and run every tests/e2e/*.spec.mjs.
// Each spec exports `name` and `default async function (t)`; `t.open(hash)`
// gives a page that fails the test on any console error or warning, page
// error, failed request, or request that leaves the page's origin.
//
//   node tests/e2e/run.mjs [filter]
import { readdir, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { serve } from "./static_server.mjs";
import { launch, watchedPage } from "./browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] || "";
const shotDir = process.env.SCREENSHOTS || join(here, "screenshots");
await mkdir(shotDir, { recursive: true });

const { server, url } = await serve(process.env.DIST || "dist", 0, join(here, "fixtures"));
const browser = await launch();
const specs = (await readdir(here)).filter((f) => f.endsWith(".spec.mjs") && f.includes(filter)).sort();
let failed = 0;
for (const file of specs) {
  const spec = await import(pathToFileURL(join(here, file)));
  const pages = [];
  const t = {
    url,
    assert,
    fixture: (name) => join(here, "fixtures", name),
    async open(hash, viewport, options) {
      const page = await watchedPage(browser, url, viewport, options);
      pages.push(page);
      await page.goto(url + hash);
      await page.waitForLoadState("domcontentloaded");
      return page;
    },
    async screenshot(page, name, fullPage = false) {
      await page.screenshot({ path: join(shotDir, `${name}.png`), fullPage });
    },
    /** A screenshot of one element (a locator), e.g. a single layer row. */
    async screenshotOf(locator, name) {
      await locator.screenshot({ path: join(shotDir, `${name}.png`) });
    },
  };
  const started = Date.now();
  try {
    await spec.default(t);
    const problems = pages.flatMap((p) => p.problems);
    assert.deepEqual(problems, [], "the page reported problems");
    console.log(`ok   ${file} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${file}: ${e.stack || e}`);
  } finally {
    for (const p of pages) await p.context().close();
  }
}
await browser.close();
server.close();
console.log(failed ? `${failed} of ${specs.length} end-to-end specs failed` : `all ${specs.length} end-to-end specs passed`);
process.exit(failed ? 1 : 0);
