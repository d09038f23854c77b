// Share (issue 9): a learner's own graph and a long DNA sequence travel in
// the link (graph=, packed seq=) and come back with the same numbers; what
// does not fit says its size in the link-note, and Export/Import JSON
// carries it instead; the tracks and matrices save as PNG.
import { copyFile, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { layerChecks, settled } from "./helpers.mjs";

const shots = process.env.SCREENSHOTS || join(dirname(fileURLToPath(import.meta.url)), "screenshots");
const readouts = async (page) => (await layerChecks(page)).map((c) => `${c.kind}:${c.verdict}:${c.inv}:${c.eq}`);
const graphSize = (page) =>
  page.$eval('[data-testid="graph-x"]', (e) => `${e.dataset.nodes} nodes, ${e.dataset.edges} edges`);
const dots = (page) =>
  page.$$eval('[data-testid="graph-x"] circle.dot', (cs) => cs.map((c) => [Number(c.getAttribute("cx")), Number(c.getAttribute("cy"))]));
const noteOf = (page) => page.$eval('[data-testid="link-note"]', (e) => e.textContent).catch(() => null);

async function savedPng(t, page, scope, name) {
  await scope.scrollIntoViewIfNeeded();
  const [d] = await Promise.all([page.waitForEvent("download"), scope.locator('[data-testid="save-png"]').first().click()]);
  t.assert.equal(d.suggestedFilename(), name);
  t.assert.equal((await readFile(await d.path())).subarray(1, 4).toString(), "PNG", name);
  await copyFile(await d.path(), join(shots, `saved-${name}`)); // to look at
}

/** A random ACGT sequence with a few N and IUPAC letters, from a seed. */
function sequence(n, seed) {
  let s = seed >>> 0;
  const out = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(i % 997 === 500 ? "N" : i % 1231 === 7 ? "R" : "ACGT"[s >>> 30]);
  }
  return out.join("");
}

export default async function (t) {
  const { assert } = t;

  // (a) An edited karate graph: a new node in a corner, joined to node 0.
  const page = await t.open("#/graph?preset=karate&model=gcn&g=perm(7)&seed=2", { width: 1280, height: 900 });
  await settled(page);
  const svg = page.locator('[data-testid="graph-x"]');
  const box = await svg.boundingBox();
  await page.mouse.click(box.x + box.width * 0.03, box.y + box.height * 0.03);
  await page.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.nodes === "35");
  await page.click('[data-testid="graph-x"] [data-node="34"]');
  await page.click('[data-testid="graph-x"] [data-node="0"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.edges === "79");
  await page.waitForFunction(() => location.hash.includes("graph="));
  await settled(page);
  const edited = await page.evaluate(() => location.hash);
  assert.doesNotMatch(edited, /preset=/, "an edited graph is not a preset");
  assert.ok(edited.length < 8192, `the link is ${edited.length} characters`);
  console.log(`     edited karate graph: link ${edited.length} characters`);
  assert.equal(await noteOf(page), null, "no link-note when the graph fits");
  const before = await readouts(page);
  const drawing = await dots(page);
  await t.screenshotOf(page.locator(".lab-head"), "share-bar-graph-edited");

  // The link in a fresh page: the same graph, drawing and numbers.
  const copy = await t.open(edited, { width: 1280, height: 900 });
  await settled(copy);
  assert.equal(await graphSize(copy), "35 nodes, 79 edges");
  assert.deepEqual(await readouts(copy), before, "the same layer-check numbers");
  assert.equal(await copy.evaluate(() => location.hash), edited, "the link is stable");
  assert.ok((await copy.locator("text=the graph from the link").count()) > 0, "the editor says where the graph came from");
  (await dots(copy)).forEach(([x, y], i) => {
    assert.ok(Math.abs(x - drawing[i][0]) < 0.5 && Math.abs(y - drawing[i][1]) < 0.5, `node ${i} is drawn in the same place`);
  });

  // Pasted into a page showing something else (a hash change).
  const pasted = await t.open("#/graph?preset=path&model=gin&g=id");
  await settled(pasted);
  await pasted.evaluate((h) => (location.hash = h), edited);
  await pasted.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.nodes === "35");
  await pasted.waitForTimeout(300);
  assert.deepEqual(await readouts(pasted), before, "a pasted link restores the graph and its numbers");

  // A damaged graph= is refused in words and the graph kept.
  await pasted.evaluate((h) => (location.hash = h), edited.replace(/graph=[^&]*/, "graph=AAAA"));
  await pasted.waitForSelector('[data-testid="error"]');
  assert.match(await pasted.textContent('[data-testid="error"]'), /graph in the link was not read/);
  assert.equal(await graphSize(pasted), "35 nodes, 79 edges");

  // The matrices and the embeddings save as PNG.
  await savedPng(t, copy, copy.locator(".matrices-panel figure.matrix-pair").first(), "symmetry-lab-graph-matrices-X-A.png");
  await savedPng(t, copy, copy.locator(".matrices-panel figure.matrix-pair").nth(1), "symmetry-lab-graph-matrices-PX-PAPt.png");
  await savedPng(t, copy, copy.locator(".graph-lab .layer-row").first(), "symmetry-lab-graph-layer-1-embeddings.png");
  await t.screenshotOf(copy.locator(".matrices-panel"), "graph-matrices-with-save");

  // A preset laid out anew: the link keeps the new drawing (graph=), and the
  // drawing comes back from it.
  const laid = await t.open("#/graph?preset=caffeine&model=gin&g=perm(7)", { width: 1280, height: 900 });
  await settled(laid);
  await laid.click("text=Force layout");
  await laid.waitForSelector("text=Stop layout");
  await laid.waitForSelector("text=Force layout", { timeout: 20000 });
  await laid.waitForFunction(() => location.hash.includes("graph=") && !location.hash.includes("preset="));
  const laidDots = await dots(laid);
  const laidCopy = await t.open(await laid.evaluate(() => location.hash), { width: 1280, height: 900 });
  await settled(laidCopy);
  (await dots(laidCopy)).forEach(([x, y], i) => {
    assert.ok(Math.abs(x - laidDots[i][0]) < 0.5 && Math.abs(y - laidDots[i][1]) < 0.5, `laid-out node ${i} in the same place`);
  });

  // (b) A loaded graph too big for a link: the note says its size; Export
  // JSON keeps the graph and Import JSON brings it back.
  const lines = [];
  for (let i = 0; i < 3000; i++) lines.push(`${i} ${(i * 7919 + 13) % 3000}`, `${i} ${(i * 104729 + 1) % 3000}`);
  const big = await t.open("#/graph?preset=path&model=gcn&g=perm(3)", { width: 1280, height: 900 });
  await settled(big);
  await big.setInputFiles('[data-testid="graph-file"]', { name: "big.edges.txt", mimeType: "text/plain", buffer: Buffer.from(lines.join("\n")) });
  await big.waitForFunction(() => document.querySelector('[data-testid="graph-x"]')?.dataset.nodes === "3000");
  await big.waitForSelector('[data-testid="link-note"]');
  assert.match(await noteOf(big), /kB in a link, more than the 8 kB/);
  assert.doesNotMatch(await big.evaluate(() => location.hash), /graph=|preset=/);
  await big.waitForSelector("text=Force layout", { timeout: 30000 });
  await settled(big);
  const bigSize = await graphSize(big);
  const bigChecks = await readouts(big);
  await t.screenshotOf(big.locator(".lab-head"), "share-bar-graph-too-big");
  const [download] = await Promise.all([big.waitForEvent("download"), big.click('[data-testid="export-json"]')]);
  const path = await download.path();
  const doc = JSON.parse(await readFile(path, "utf8"));
  assert.equal(doc.graph.nodes, 3000);
  assert.equal(doc.graph.edges.length, Number(bigSize.split(" ")[2]));
  assert.ok(typeof doc.graph.code === "string" && doc.graph.code.length > 8192);
  const other = await t.open("#/graph?preset=caffeine&model=gcn&g=id");
  await settled(other);
  await other.setInputFiles('[data-testid="import-json"]', path);
  await other.waitForFunction(() => document.querySelector('[data-testid="graph-x"]')?.dataset.nodes === "3000");
  await other.waitForFunction(() => location.hash.includes("g=perm(3)"));
  await other.waitForTimeout(500);
  assert.equal(await graphSize(other), bigSize);
  assert.deepEqual(await readouts(other), bigChecks, "the imported graph gives the same numbers");
  // Imported from another lab's share bar, the file opens the graph lab with its graph.
  const fromDna = await t.open("#/dna?preset=tata-box");
  await settled(fromDna);
  await fromDna.setInputFiles('[data-testid="import-json"]', path);
  await fromDna.waitForFunction(() => document.querySelector('[data-testid="graph-x"]')?.dataset.nodes === "3000");
  await settled(fromDna);
  await fromDna.waitForTimeout(300);
  assert.deepEqual(await readouts(fromDna), bigChecks, "imported from the DNA lab: the same graph and numbers");

  // (c) DNA: 5,000 bases travel packed in the link.
  const dna = await t.open("#/dna?model=rc-conv&g=rc&pad=circular&pool=avg&seed=3", { width: 1280, height: 900 });
  await settled(dna);
  const bases = sequence(5000, 11);
  await dna.fill('[data-testid="dna-text"]', bases);
  await dna.waitForFunction(() => location.hash.includes("seq=~"));
  await settled(dna);
  const dnaLink = await dna.evaluate(() => location.hash);
  assert.ok(dnaLink.length < 8192, `the DNA link is ${dnaLink.length} characters`);
  console.log(`     5,000 bases: link ${dnaLink.length} characters`);
  assert.equal(await noteOf(dna), null);
  const dnaChecks = await readouts(dna);
  const dnaCopy = await t.open(dnaLink);
  await settled(dnaCopy);
  assert.equal(await dnaCopy.$eval('[data-testid="dna-text"]', (e) => e.value.replace(/\s/g, "")), bases);
  assert.deepEqual(await readouts(dnaCopy), dnaChecks, "the same sequence, the same numbers");
  assert.equal(await dnaCopy.evaluate(() => location.hash), dnaLink, "the DNA link is stable");
  // Old plain links still read.
  const old = await t.open("#/dna?seq=GAATTCGGATCC&g=rc&model=rc-conv");
  await settled(old);
  assert.equal(await old.$eval('[data-testid="dna-text"]', (e) => e.value), "GAATTCGGATCC");
  // A damaged packed code keeps the sequence and says why.
  await old.evaluate(() => (location.hash = "#/dna?seq=~AAAA&g=rc&model=rc-conv"));
  await old.waitForSelector('[data-testid="error"]');
  assert.match(await old.textContent('[data-testid="error"]'), /packed sequence/);
  assert.equal(await old.$eval('[data-testid="dna-text"]', (e) => e.value), "GAATTCGGATCC");
  // Tracks and strands save as PNG.
  await savedPng(t, dnaCopy, dnaCopy.locator(".dna-lab .layer-row").first(), "symmetry-lab-dna-layer-1-tracks.png");
  await savedPng(t, dnaCopy, dnaCopy.locator(".strand-panel"), "symmetry-lab-dna-strands-1-1000.png");
  await t.screenshotOf(dnaCopy.locator(".dna-lab .layer-row").first(), "dna-layer-row-with-save");

  // 30,000 bases do not fit: the note says the size.
  await dna.fill('[data-testid="dna-text"]', sequence(30000, 5));
  await dna.waitForSelector('[data-testid="link-note"]');
  assert.match(await noteOf(dna), /30,000 bases\) takes [\d.]+ kB in a link/);
  assert.doesNotMatch(await dna.evaluate(() => location.hash), /seq=/);
  await t.screenshotOf(dna.locator(".lab-head"), "share-bar-dna-too-long");
}
