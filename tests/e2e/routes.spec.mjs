// Every route of the app (src/app/routes.rs, and an unknown one) opens with
// no console error or warning, page error, failed request or request that
// leaves the page's origin (t.open watches every page it gives), shows its
// heading and no panic banner. Then text the user provides is shown as text,
// never as HTML: a FASTA record name, a graph node label and a file name
// holding an <img onerror> tag appear literally, and no img element is made.
import { settled } from "./helpers.mjs";

const ROUTES = [
  ["#/", /symmetry/i],
  ["#/image", /./],
  ["#/graph", /./],
  ["#/dna", /./],
  ["#/sequence", /./],
  ["#/groups", /./],
  ["#/glossary", /./],
  ["#/tour", /./],
  ["#/train", /./],
  ["#/nonexistent", /not found/i],
];

const XSS = '<img src=x onerror="window.__xss=1">';

/** No element came from the user's text, and its script never ran. */
async function noInjection(t, page, where) {
  const { assert } = t;
  assert.equal(await page.locator('img[src="x"]').count(), 0, `${where}: an img element was made`);
  assert.equal(await page.evaluate(() => window.__xss), undefined, `${where}: the onerror ran`);
}

export default async function (t) {
  const { assert } = t;
  for (const [hash, heading] of ROUTES) {
    const page = await t.open(hash);
    await page.waitForSelector("h1", { timeout: 20000 });
    assert.match(await page.textContent("h1"), heading, hash);
    await page.waitForTimeout(300);
    assert.equal(await page.locator("#panic-banner").count(), 0, `${hash}: panic banner`);
  }

  // DNA: a record name and the file name with markup in them.
  const dna = await t.open("#/dna");
  await settled(dna);
  await dna.setInputFiles('[data-testid="dna-file"]', {
    name: `${XSS}.fa`,
    mimeType: "text/plain",
    buffer: Buffer.from(`>${XSS} first\nACGTACGTTGCA\n>second\nTTGACCA\n`),
  });
  await dna.waitForSelector('[data-testid="dna-record"]');
  const options = await dna.$$eval('[data-testid="dna-record"] option', (os) => os.map((o) => o.textContent));
  assert.ok(options[0].includes(`${XSS} first`), `the record name is shown literally: ${options[0]}`);
  await dna.waitForTimeout(300);
  await noInjection(t, dna, "dna");

  // Graph: a node label and the file name with markup in them.
  const graph = await t.open("#/graph?preset=path&g=id");
  await settled(graph);
  const json = { nodes: [{ id: 0, label: XSS }, 1, 2], edges: [[0, 1], [1, 2]] };
  await graph.setInputFiles('[data-testid="graph-file"]', {
    name: `${XSS}.json`,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(json)),
  });
  await graph.waitForFunction(() => document.querySelector('[data-testid="graph-x"]')?.dataset.nodes === "3");
  const titles = await graph.$$eval('[data-testid="graph-x"] title', (ts) => ts.map((x) => x.textContent));
  assert.ok(titles.some((x) => x.includes(`(${XSS})`)), `the node label is shown literally: ${titles}`);
  const notice = await graph.textContent('[data-testid="notice"]');
  assert.ok(notice.includes(XSS), `the file name is shown literally: ${notice}`);
  await graph.waitForTimeout(300);
  await noInjection(t, graph, "graph");
}
