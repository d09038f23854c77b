// Launch Debian's Chromium through playwright-core (never a downloaded
// browser) with the flags that keep it off the network, and watch a page for
// console errors, page errors and requests that leave its origin.
import { chromium } from "playwright-core";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A new page that records problems into `page.problems`; `options` are
 * extra browser-context options (e.g. `bypassCSP` for the accessibility check). */
export async function watchedPage(browser, origin, viewport = { width: 1440, height: 1000 }, options = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, acceptDownloads: true, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") page.problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => page.problems.push(`page error: ${err.message}`));
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) {
      page.problems.push(`request left the origin: ${url}`);
    }
  });
  // A load the page itself cancelled (an iframe replaced, the test ending) is
  // not a failure; anything else is. Missing files show up as HTTP 404 below.
  page.on("requestfailed", (req) => {
    const why = req.failure()?.errorText || "";
    if (!why.includes("ERR_ABORTED")) page.problems.push(`request failed: ${req.url()} (${why})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) page.problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return page;
}
