// Take screenshots of the release build for a person to look at:
// node tests/e2e/screenshots.mjs [outdir]
import { mkdir } from "node:fs/promises";
import { serve } from "./static_server.mjs";
import { launch, watchedPage } from "./browser.mjs";

const out = process.argv[2] || "tests/e2e/screenshots";
await mkdir(out, { recursive: true });
const { server, url } = await serve("dist");
const browser = await launch();
const list = [
  ["home", "#/", { width: 1280, height: 800 }],
  ["image", "#/image", { width: 1440, height: 1000 }],
  ["image-full", "#/image?preset=letter&g=rot90&model=cnn-gap", { width: 1440, height: 1000 }, true],
  ["image-tablet", "#/image?preset=digit3&g=shift(4,0)&pool=blur", { width: 820, height: 1180 }],
  ["image-embed", "#/image?embed=1&g=flipx", { width: 900, height: 700 }],
  ["sequence", "#/sequence?g=warp(2)", { width: 1440, height: 1000 }, true],
  ["sequence-tablet", "#/sequence?g=delay(5)&preset=spike&beats=1&bias=random&model=rnn", { width: 820, height: 1180 }, true],
  ["graph", "#/graph?preset=caffeine&g=perm(7)&model=gcn", { width: 1440, height: 1000 }],
  ["graph-tablet", "#/graph?preset=karate&g=perm(7)&model=gin", { width: 820, height: 1180 }],
  ["train", "#/train?model=cnn-flatten&group=rot90&g=rot90&epochs=40", { width: 1440, height: 1000 }, true],
];
for (const [name, hash, viewport, full] of list) {
  const page = await watchedPage(browser, url, viewport);
  await page.goto(url + hash);
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: !!full });
  if (page.problems.length) console.log(name, page.problems);
  await page.context().close();
}
await browser.close();
server.close();
console.log(`screenshots in ${out}`);
