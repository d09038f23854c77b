// The graph lab through its observable contract: load an edge list through
// [data-testid="graph-file"], renumber the nodes with perm(7), read the
// layer-check verdicts (GNN layers equivariant, readouts invariant, the MLP
// baseline neither), break the match with the features-only mistake, refuse
// a malformed file with its line and column, edit the graph with the mouse,
// run 1-WL on two triangles vs a hexagon, and stay responsive on random-10k.
// The first screen answers (issue 16): the compare strip with x, g·x, the
// network's verdict and one layer's four panels, at 1280×720 and 768×1024;
// its layer picker follows the arrow keys; a quick button sets g and
// "compose" appends; the features-only mistake is not called approximate.
import { readFile } from "node:fs/promises";
import { assertEvery, layerChecks, settled, verdicts } from "./helpers.mjs";

async function applyG(page, expr) {
  await page.fill('[data-testid="g-input"]', expr);
  await page.press('[data-testid="g-input"]', "Enter");
  await page.waitForFunction((e) => decodeURIComponent(location.hash).includes(`g=${e}`), expr);
}

const attr = (page, sel, name) => page.getAttribute(sel, name);

const gOf = (page) => page.evaluate(() => new URLSearchParams(decodeURIComponent(location.hash).split("?")[1]).get("g"));

/** The strip's verdict and four panels lie inside the first viewport, unscrolled. */
async function firstScreen(t, page, what) {
  const { assert } = t;
  assert.equal(await page.locator('[data-testid="verdict"]').count(), 1, `${what}: exactly one verdict`);
  const boxes = await page.evaluate(() => {
    const bottom = (sel) => document.querySelector(sel)?.getBoundingClientRect().bottom ?? Infinity;
    return {
      scrolled: window.scrollY,
      height: window.innerHeight,
      verdict: bottom('[data-testid="verdict"]'),
      strip: bottom('[data-testid="compare-strip"]'),
      panels: ["x", "gx", "fx", "fgx", "moved", "diff"].map((k) => [k, bottom(`[data-testid="compare-strip"] [data-panel="${k}"]`)]),
    };
  });
  assert.equal(boxes.scrolled, 0, `${what}: the page is not scrolled`);
  assert.ok(boxes.verdict <= boxes.height, `${what}: verdict bottom ${boxes.verdict} > ${boxes.height}`);
  assert.ok(boxes.strip <= boxes.height, `${what}: strip bottom ${boxes.strip} > ${boxes.height}`);
  assert.equal(boxes.panels.length, 6);
  for (const [k, b] of boxes.panels) assert.ok(b <= boxes.height, `${what}: panel ${k} bottom ${b} > ${boxes.height}`);
}

/** The layer the strip's panels show (from the accessible name of f(x)'s picture). */
const stripLayer = (page) =>
  page.$eval('[data-testid="compare-strip"] [data-panel="fx"] [aria-label]', (e) => Number(e.getAttribute("aria-label").match(/layer (\d+)/)[1]));

export default async function (t) {
  const { assert } = t;

  // The first screen answers: at a laptop's and a tablet's size, the strip
  // with its verdict and four panels is on screen without scrolling.
  for (const [w, h] of [[1280, 720], [768, 1024]]) {
    const first = await t.open("#/graph", { width: w, height: h });
    await settled(first);
    await firstScreen(t, first, `${w}×${h}`);
    assert.equal(await attr(first, '[data-testid="verdict"]', "data-verdict"), "invariant", "perm(7) on caffeine/gcn: the head is invariant");
    await t.screenshot(first, `graph-first-${w}x${h}`);
  }

  // The features-only mistake (permx) on the default caffeine/gcn view: the
  // head is not "approximate" (a small error against the scramble's is not
  // approximate invariance), in the strip's verdict and in the head's readout.
  const mistake = await t.open("#/graph?preset=caffeine&model=gcn&g=permx(7)", { width: 1280, height: 720 });
  await settled(mistake);
  let head = (await layerChecks(mistake)).at(-1);
  assert.notEqual(head.verdict, "approximate", JSON.stringify(head));
  assert.ok(["neither", "invariant"].includes(await attr(mistake, '[data-testid="verdict"]', "data-verdict")));
  assert.notEqual(await attr(mistake, '[data-testid="verdict"]', "data-verdict"), "approximate");
  // The strip opens on the first layer that is not exact: the first GCN.
  assert.equal(await attr(mistake, '[data-layer-pick][aria-checked="true"]', "data-layer-pick"), "0");
  await firstScreen(t, mistake, "the mistake at 1280×720");
  await t.screenshot(mistake, "graph-mistake-first");
  // The same through the mistake switch, from perm(7).
  const sw = await t.open("#/graph", { width: 1280, height: 720 });
  await settled(sw);
  await sw.check('[data-testid="mistake-toggle"]');
  await sw.waitForFunction(() => location.hash.includes("g=permx(7)"));
  head = (await layerChecks(sw)).at(-1);
  assert.notEqual(head.verdict, "approximate", JSON.stringify(head));
  assert.notEqual(await attr(sw, '[data-testid="verdict"]', "data-verdict"), "approximate");

  // The layer picker: the arrow keys move it, and the strip's panels follow.
  const picker = await t.open("#/graph?preset=caffeine&model=gcn&g=perm(7)", { width: 1280, height: 720 });
  await settled(picker);
  const layers = (await layerChecks(picker)).length;
  assert.equal(layers, 6);
  assert.equal(await picker.locator("[data-layer-pick]").count(), layers);
  assert.equal(await attr(picker, '[data-layer-pick][aria-checked="true"]', "data-layer-pick"), "0", "all exact: the first layer");
  assert.equal(await stripLayer(picker), 1);
  await picker.focus('[data-layer-pick="0"]');
  await picker.keyboard.press("ArrowRight");
  await picker.waitForFunction(() => document.querySelector('[data-layer-pick][aria-checked="true"]').dataset.layerPick === "1");
  assert.equal(await stripLayer(picker), 2);
  await picker.keyboard.press("End");
  await picker.waitForFunction((n) => document.querySelector('[data-layer-pick][aria-checked="true"]').dataset.layerPick === String(n - 1), layers);
  assert.equal(await stripLayer(picker), layers, "the head's panels are bars of its vector");
  assert.equal(await picker.locator('[data-testid="compare-strip"] [data-panel="fx"] svg.vector-bars').count(), 1);
  await picker.keyboard.press("ArrowLeft");
  await picker.waitForFunction((n) => document.querySelector('[data-layer-pick][aria-checked="true"]').dataset.layerPick === String(n - 2), layers);
  assert.equal(await stripLayer(picker), layers - 1);
  assert.equal(await picker.evaluate(() => document.activeElement?.dataset.layerPick), String(layers - 2), "the focus follows the choice");

  // A quick button sets g (a second press does not compose); "compose" appends.
  const quick = await t.open("#/graph?preset=caffeine&model=gcn&g=swap(2,3)", { width: 1280, height: 720 });
  await settled(quick);
  const button = (label) => quick.locator(".quick-steps button", { hasText: label });
  await button("perm(7)").click();
  await quick.waitForFunction(() => location.hash.includes("g=perm(7)"));
  await button("perm(7)").click();
  // Ticking "compose" relabels the buttons: once that shows, the second press was handled.
  await quick.check('[data-testid="compose-toggle"]');
  await button("+ swap(0,1)").waitFor();
  assert.equal(await gOf(quick), "perm(7)", "a second press sets g again, it does not compose");
  assert.equal(await quick.locator(".transform-panel .chip").count(), 1);
  await button("+ swap(0,1)").click();
  await quick.waitForFunction(() => decodeURIComponent(location.hash).includes("g=perm(7);swap(0,1)"));
  assert.equal(await quick.locator(".transform-panel .chip").count(), 2);
  // An explicit permutation gets its own button once it parses.
  await quick.uncheck('[data-testid="compose-toggle"]');
  await quick.fill(".explicit-perm input", "1, 0, 2, x");
  await quick.waitForSelector(".explicit-hint");
  assert.match(await quick.textContent(".explicit-hint"), /“x” is not a node number/);
  await quick.fill(".explicit-perm input", "1 0 2 3 4 5 6 7 8 9 10 11 12 13");
  await button("perm(1,0,2,").click();
  await quick.waitForFunction(() => decodeURIComponent(location.hash).includes("g=perm(1,0,2,3,4,5,6,7,8,9,10,11,12,13)"));
  assert.equal(await quick.locator(".transform-panel .chip").count(), 1, "without compose the button set g");
  await quick.click('[data-testid="reset-g"]');
  await quick.waitForFunction(() => document.querySelectorAll(".transform-panel .chip").length === 0);
  const page = await t.open("#/graph?preset=path&model=gcn&g=id");
  await settled(page);

  // Load the edge list: 10 nodes, the duplicate and the self-loop said in a notice.
  await page.setInputFiles('[data-testid="graph-file"]', t.fixture("friends.edges.txt"));
  await page.waitForFunction(() => document.querySelector('[data-testid="graph-x"]')?.dataset.nodes === "10");
  const notice = await page.textContent('[data-testid="notice"]');
  assert.match(notice, /friends\.edges\.txt/);
  assert.match(notice, /duplicate/i);
  assert.match(notice, /self-loop/i);
  assert.equal(await attr(page, '[data-testid="graph-x"]', "data-edges"), "14");
  assert.doesNotMatch(await page.evaluate(() => location.hash), /preset=/, "a file is no longer a preset");

  // perm(7): the GNN layers move with the nodes, the readout and head do not change.
  await applyG(page, "perm(7)");
  let checks = await layerChecks(page);
  assert.deepEqual(verdicts(checks), [
    "gcn:equivariant", "relu:equivariant", "gcn:equivariant", "relu:equivariant",
    "readout_sum:invariant", "dense:invariant",
  ]);
  assert.ok(checks[0].eq < 1e-4 && checks[0].inv > 1e-4, JSON.stringify(checks[0]));
  assert.match(await page.textContent('[data-testid="composed"]'), /\(\d/, "the composed permutation in cycle notation");
  const ms = Number(await attr(page, '[data-testid="compute-ms"]', "data-ms"));
  assert.ok(ms > 0, "compute-ms reports a real time");
  console.log(`     compute-ms, 10-node file, gcn, perm(7): ${ms.toFixed(2)} ms`);
  // P X and P A Pᵀ are drawn for a small graph, with the rows reordered.
  assert.equal(await page.locator('[data-testid="matrix-pa"]').count(), 1);
  await t.screenshot(page, "graph-desktop", true);

  // The mistake: X moves, A does not. The layers stop matching, the readout changes.
  await page.check('[data-testid="mistake-toggle"]');
  await page.waitForFunction(() => location.hash.includes("g=permx(7)"));
  checks = await layerChecks(page);
  assert.equal(checks[0].verdict, "neither", JSON.stringify(checks[0]));
  assert.ok(checks[0].eq > 0.05, `features-only error ${checks[0].eq}`);
  assert.notEqual(checks[4].verdict, "invariant", "the readout sees the mistake");
  assert.match(await page.textContent("#layer-0 .why"), /A must move with X/);
  await t.screenshot(page, "graph-mistake", false);
  await page.uncheck('[data-testid="mistake-toggle"]');
  await page.waitForFunction(() => location.hash.includes("g=perm(7)"));

  // The MLP baseline on the same graph (a pasted link keeps the loaded graph).
  await page.evaluate(() => { location.hash = "#/graph?model=mlp&g=perm(7)"; });
  await page.waitForFunction(() => document.querySelector('[data-testid="layer-check"]')?.dataset.kind === "mlp");
  checks = await layerChecks(page);
  assert.deepEqual(verdicts(checks), ["mlp:neither"]);
  assert.equal(checks[0].eq, null, "the MLP's output has no node order for g to act on");
  assert.equal(await attr(page, '[data-testid="graph-x"]', "data-nodes"), "10", "the graph was kept");

  // A malformed file: the error names its line and column; the graph is kept.
  const bad = await readFile(t.fixture("broken.edges.txt"));
  await page.setInputFiles('[data-testid="graph-file"]', { name: "broken.txt", mimeType: "text/plain", buffer: bad });
  await page.waitForSelector('[data-testid="error"]');
  const err = await page.textContent('[data-testid="error"]');
  assert.match(err, /broken\.txt/);
  assert.match(err, /line 3, column 3/);
  assert.equal(await attr(page, '[data-testid="graph-x"]', "data-nodes"), "10");
  assert.equal(await attr(page, '[data-testid="graph-x"]', "data-edges"), "14");

  // The editor: tap empty space to add a node, tap two nodes to add their edge, undo.
  const ed = await t.open("#/graph?preset=path&model=gcn&g=swap(0,7)");
  await settled(ed);
  const svg = ed.locator('[data-testid="graph-x"]');
  const box = await svg.boundingBox();
  await ed.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.85);
  await ed.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.nodes === "9");
  await ed.click('[data-testid="graph-x"] [data-node="8"]');
  await ed.click('[data-testid="graph-x"] [data-node="0"]');
  await ed.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.edges === "8");
  checks = await layerChecks(ed);
  assert.equal(checks[0].verdict, "equivariant", "the edited graph is still checked");
  // Drag node 3 somewhere else: it moves, nothing is recomputed.
  const dot = await ed.locator('[data-testid="graph-x"] [data-node="3"] circle.dot').boundingBox();
  const cyBefore = await ed.getAttribute('[data-testid="graph-x"] [data-node="3"] circle.dot', "cy");
  await ed.mouse.move(dot.x + dot.width / 2, dot.y + dot.height / 2);
  await ed.mouse.down();
  for (let k = 1; k <= 6; k++) await ed.mouse.move(dot.x + dot.width / 2, dot.y + dot.height / 2 + k * 15);
  await ed.mouse.up();
  assert.notEqual(await ed.getAttribute('[data-testid="graph-x"] [data-node="3"] circle.dot', "cy"), cyBefore);
  await ed.click("text=Undo");
  await ed.click("text=Undo");
  await ed.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.edges === "7");
  await ed.click("text=Undo");
  await ed.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.nodes === "8");

  // Swap mode: tap two nodes to append swap(i,j) to g.
  await ed.click("text=Swap two nodes");
  await ed.click('[data-testid="graph-x"] [data-node="2"]');
  await ed.click('[data-testid="graph-x"] [data-node="5"]');
  await ed.waitForFunction(() => location.hash.includes("g=swap(0,7);swap(2,5)"));
  // (Swapping the ends of a path is invisible to one layer on degree features,
  // so the first layer may even be invariant; exact either way.)
  assertEvery(await layerChecks(ed), (c) => c.verdict === "invariant" || c.verdict === "equivariant", "the edited graph: every layer exact");
  // Delete mode: tap a node to delete it; the keyboard deletes the focused node.
  await ed.click(`text="Delete"`);
  await ed.click('[data-testid="graph-x"] [data-node="7"]');
  await ed.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.nodes === "7");
  await ed.waitForSelector('[data-testid="notice"]');
  assert.match(await ed.textContent('[data-testid="notice"]'), /swap\(0,7\)/, "a step that no longer acts is dropped, and said");
  await ed.focus('[data-testid="graph-x"] [data-node="6"]');
  await ed.keyboard.press("Delete");
  await ed.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.nodes === "6");
  // Node features typed in the inspector become "given" features.
  await ed.click(`text="Edit"`);
  await ed.click('[data-testid="graph-x"] [data-node="1"]');
  await ed.fill('[data-testid="node-features"]', "0.5, -1");
  await ed.press('[data-testid="node-features"]', "Enter");
  await ed.waitForFunction(() => location.hash.includes("features=given"));
  assert.ok((await layerChecks(ed))[0].eq < 1e-4);
  // The force layout runs over animation frames and ends by itself.
  // (First a lone node in a corner, which the layout must pull in.)
  const box2 = await svg.boundingBox();
  await ed.mouse.click(box2.x + box2.width * 0.1, box2.y + box2.height * 0.1); // lets go of node 1
  await ed.mouse.click(box2.x + box2.width * 0.1, box2.y + box2.height * 0.1);
  await ed.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.nodes === "7");
  const where = () => ed.$$eval('[data-testid="graph-x"] circle.dot', (cs) => cs.map((c) => `${c.getAttribute("cx")},${c.getAttribute("cy")}`).join(" "));
  const before = await where();
  await ed.click("text=Force layout");
  await ed.waitForSelector("text=Stop layout");
  await ed.waitForSelector("text=Force layout", { timeout: 20000 });
  assert.notEqual(await where(), before);

  // A JSON file with node ids, types, features and positions.
  await ed.setInputFiles('[data-testid="graph-file"]', t.fixture("water-and-friends.json"));
  await ed.waitForFunction(() => document.querySelector('[data-testid="graph-x"]').dataset.nodes === "4");
  await ed.waitForFunction(() => location.hash.includes("features=given"));
  assert.match(await ed.textContent('[data-testid="notice"]'), /JSON/);

  // 1-WL on two triangles vs a hexagon: never told apart, the same readout.
  const wl = await t.open("#/graph?preset=two-triangles&model=gin&g=perm(3)&wl=two-triangles,hexagon");
  await settled(wl);
  assert.equal(await attr(wl, '[data-testid="wl-round"]', "data-round"), "0");
  await wl.click('[data-testid="wl-step"]');
  assert.equal(await attr(wl, '[data-testid="wl-round"]', "data-round"), "1");
  while (!(await wl.isDisabled('[data-testid="wl-step"]'))) await wl.click('[data-testid="wl-step"]');
  assert.equal(await attr(wl, '[data-testid="wl-verdict"]', "data-same"), "true");
  assert.equal(await attr(wl, '[data-testid="wl-verdict"]', "data-distinguished-at"), null);
  assert.ok(Number(await attr(wl, '[data-testid="wl-readout-gap"]', "data-gap")) < 1e-4);
  // A path (8 nodes) vs two triangles (6): told apart before any message passing.
  await wl.selectOption('.wl-panel select >> nth=1', "path");
  await wl.waitForFunction(() => document.querySelector('[data-testid="wl-verdict"]').dataset.distinguishedAt === "0");
  await t.screenshot(wl, "graph-wl", false);

  // random-10k: points instead of labels, no matrices, and the check still exact.
  const big = await t.open("#/graph?preset=random-10k&model=gcn&g=perm(7)");
  await settled(big);
  assert.equal(await big.locator('[data-testid="big-graph-note"]').count(), 1);
  assert.equal(await big.locator('[data-testid="matrices-hidden"]').count(), 1);
  assert.equal(await attr(big, '[data-testid="graph-x"]', "data-nodes"), "10000");
  checks = await layerChecks(big);
  assert.deepEqual(verdicts(checks).slice(0, 5), [
    "gcn:equivariant", "relu:equivariant", "gcn:equivariant", "relu:equivariant", "readout_sum:invariant",
  ]);
  const times = [Number(await attr(big, '[data-testid="compute-ms"]', "data-ms"))];
  const walls = [];
  for (const g of ["perm(8)", "perm(9)", "swap(0,1)", "permx(7)"]) {
    const t0 = Date.now();
    await applyG(big, g);
    walls.push(Date.now() - t0);
    times.push(Number(await attr(big, '[data-testid="compute-ms"]', "data-ms")));
  }
  const fmt = (xs) => xs.map((x) => x.toFixed(1)).join(", ");
  console.log(`     compute-ms, random-10k, gcn: load ${times[0].toFixed(1)} ms; new g ${fmt(times.slice(1))} ms; Enter to updated page ${walls.join(", ")} ms`);
  checks = await layerChecks(big);
  assert.equal(checks[0].verdict, "neither", "the mistake shows on 10,000 nodes too");

  // Tablet size: the same lab, one or two columns.
  const tab = await t.open("#/graph?preset=caffeine&model=gin&g=perm(7)", { width: 820, height: 1180 });
  await settled(tab);
  await t.screenshot(tab, "graph-tablet", false);
  await t.screenshot(tab, "graph-tablet-full", true);
}
