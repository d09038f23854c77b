// Share and export (issue 9): every lab's state round-trips through the URL
// (a drawing too, as img=); the exported JSON's numbers give back the
// reported errors and verdicts when recomputed here; importing the file
// restores the view; the charts save as PNG and SVG.
import { readFile } from "node:fs/promises";
import { layerChecks, settled } from "./helpers.mjs";

const STATES = [
  "#/image?preset=letter&g=rot90;shift(2,0)&model=p4cnn&pad=zero&seed=4",
  "#/dna?seq=GAATTCGGATCCAAAT&g=rc;shift(1)&model=rc-conv&pad=circular&pool=avg&seed=3",
  "#/graph?preset=path&model=gin&g=swap(0,3)&seed=2",
  "#/sequence?preset=spike&g=delay(3)&model=lstm&seed=6",
];

/** Same verdicts, errors equal to 2% (a drawing in a link keeps 256 grey levels). */
function near(t, mine, theirs, what) {
  t.assert.equal(mine.length, theirs.length, what);
  mine.forEach((m, k) => {
    const [a, b] = [m.split(":"), theirs[k].split(":")];
    t.assert.deepEqual(a.slice(0, 2), b.slice(0, 2), `${what}: layer ${k}`);
    for (const i of [2, 3]) {
      const [x, y] = [parseFloat(a[i]), parseFloat(b[i])];
      if (Number.isNaN(x) || Number.isNaN(y)) t.assert.equal(a[i], b[i], `${what}: layer ${k}`);
      else if (x !== y) t.assert.ok(Math.abs(x - y) <= 0.02 * Math.max(Math.abs(y), 1e-6), `${what}: layer ${k}: ${x} vs ${y}`);
    }
  });
}

const readouts = async (page) => (await layerChecks(page)).map((c) => `${c.kind}:${c.verdict}:${c.inv}:${c.eq}`);

/** Load `hash`, then load the hash the app wrote in a fresh page: same hash, same readouts. */
async function roundTrip(t, hash) {
  const page = await t.open(hash);
  await settled(page);
  const written = await page.evaluate(() => location.hash);
  const before = await readouts(page);
  const again = await t.open(written);
  await settled(again);
  t.assert.equal(await again.evaluate(() => location.hash), written, `${hash}: the link is stable`);
  t.assert.deepEqual(await readouts(again), before, `${hash}: same readouts after a reload from the link`);
  return page;
}

/** Recompute every layer's errors and verdict from an export. */
function recompute(t, doc) {
  const { assert } = t;
  const norm = (a) => Math.sqrt(a.reduce((s, v) => s + v * v, 0));
  const rel = (a, b) => {
    const d = norm(a.map((v, i) => v - b[i]));
    return d === 0 ? 0 : d / Math.max(norm(b), 1e-12);
  };
  assert.equal(doc.format, "symmetry-lab/1");
  assert.ok(doc.layers.length > 0);
  for (const l of doc.layers) {
    const close = (mine, theirs, what) =>
      assert.ok(Math.abs(mine - theirs) <= 1e-4 * Math.max(theirs, 1e-3), `layer ${l.index} ${what}: ${mine} vs ${theirs}`);
    const fx = l.f_x.data, fgx = l.f_gx.data;
    if (fx.length === fgx.length) close(rel(fgx, fx), l.invariance_error, "invariance error");
    if (l.rho_g_f_x) {
      const eq = rel(fgx, l.rho_g_f_x.data);
      close(eq, l.equivariance_error, "equivariance error");
    } else {
      assert.ok(l.equivariance_error === null || l.equivariance_error === undefined, "no action, no error");
    }
    const inv = l.invariance_error, eq = l.equivariance_error;
    const smaller = Math.min(inv ?? Infinity, eq ?? Infinity);
    const verdict = inv != null && inv < 1e-4 ? "invariant" : eq != null && eq < 1e-4 ? "equivariant" : smaller < 5e-2 ? "approximate" : "neither";
    assert.equal(l.verdict, verdict, `layer ${l.index} verdict`);
  }
}

async function exportOf(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-json"]')]);
  const path = await download.path();
  return { path, doc: JSON.parse(await readFile(path, "utf8")) };
}

export default async function (t) {
  const { assert } = t;
  // (a) every lab: a non-default state survives the link.
  for (const hash of STATES) await roundTrip(t, hash);

  // The image lab with a drawing: img= carries it.
  const page = await t.open("#/image?preset=blob&model=cnn-gap&g=rot90");
  await settled(page);
  const canvas = page.locator('[data-testid="draw-canvas"]');
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + box.width * (0.2 + 0.06 * k), box.y + box.height * 0.25);
  await page.mouse.up();
  await page.waitForFunction(() => location.hash.includes("img="));
  const drawn = await page.evaluate(() => location.hash);
  assert.doesNotMatch(drawn, /preset=/);
  assert.ok(drawn.length < 8192, `the link is ${drawn.length} characters`);
  const drawnChecks = await readouts(page);
  const copy = await t.open(drawn);
  await settled(copy);
  assert.match(await copy.textContent(".draw-panel .panel-title"), /your drawing/);
  near(t, await readouts(copy), drawnChecks, "the drawing came back from the link");

  // The sequence lab with a drawn signal: curve= carries it.
  const seq = await t.open("#/sequence?preset=step&g=delay(2)&model=rnn");
  await settled(seq);
  const surface = seq.locator('[data-testid="draw-canvas"]');
  await surface.scrollIntoViewIfNeeded();
  const sb = await surface.boundingBox();
  await seq.mouse.move(sb.x + sb.width * 0.25, sb.y + sb.height * 0.8);
  await seq.mouse.down();
  for (let k = 1; k <= 12; k++) await seq.mouse.move(sb.x + sb.width * (0.25 + 0.05 * k), sb.y + sb.height * (0.8 - 0.05 * k));
  await seq.mouse.up();
  await seq.waitForFunction(() => location.hash.includes("curve="));
  await seq.waitForTimeout(300);
  const curveHash = await seq.evaluate(() => location.hash);
  assert.doesNotMatch(curveHash, /preset=/);
  const seqChecks = await readouts(seq);
  const seqCopy = await t.open(curveHash);
  await settled(seqCopy);
  assert.match(await seqCopy.textContent(".input-panel .panel-title"), /your drawing/);
  near(t, await readouts(seqCopy), seqChecks, "the drawn signal came back from the link");

  // (b) the export's numbers, recomputed; the input is the drawing, the url its link.
  const { path, doc } = await exportOf(page);
  assert.equal(doc.lab, "image");
  assert.equal(doc.url, drawn);
  assert.equal(doc.layers.length, drawnChecks.length);
  recompute(t, doc);
  const shown = await layerChecks(page);
  doc.layers.forEach((l, k) => assert.equal(l.verdict, shown[k].verdict));

  // Import restores the view in a page showing something else.
  const other = await t.open("#/image?preset=digit3&model=p4cnn&g=id");
  await settled(other);
  await other.setInputFiles('[data-testid="import-json"]', path);
  await other.waitForFunction((h) => location.hash === h, drawn);
  await other.waitForTimeout(300);
  near(t, await readouts(other), await readouts(copy), "the imported state shows the same readouts");

  // A file that is not a state is refused in words, the view kept.
  await other.setInputFiles('[data-testid="import-json"]', { name: "x.json", mimeType: "application/json", buffer: Buffer.from("{}") });
  await other.waitForSelector('[data-testid="error"]');
  assert.match(await other.textContent('[data-testid="error"]'), /not imported/);
  assert.equal(await other.evaluate(() => location.hash), drawn);

  // The other labs' exports recompute too.
  for (const hash of STATES.slice(1)) {
    const p = await t.open(hash);
    await settled(p);
    const { doc } = await exportOf(p);
    assert.equal(doc.lab, hash.slice(2, hash.indexOf("?")));
    recompute(t, doc);
  }

  // A chart saves as PNG and SVG.
  const scores = page.locator(".scores figure.bar-chart");
  const [png] = await Promise.all([page.waitForEvent("download"), scores.locator('[data-testid="save-png"]').click()]);
  assert.match(png.suggestedFilename(), /\.png$/);
  const pngBytes = await readFile(await png.path());
  assert.equal(pngBytes.subarray(1, 4).toString(), "PNG");
  const [svg] = await Promise.all([page.waitForEvent("download"), scores.locator('[data-testid="save-svg"]').click()]);
  const svgText = await readFile(await svg.path(), "utf8");
  assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

  // A layer's feature maps save as one PNG.
  const row = page.locator(".layer-row").first();
  await row.scrollIntoViewIfNeeded();
  const [maps] = await Promise.all([page.waitForEvent("download"), row.locator('[data-testid="save-png"]').click()]);
  assert.equal(maps.suggestedFilename(), "symmetry-lab-layer-1.png");
  assert.equal((await readFile(await maps.path())).subarray(1, 4).toString(), "PNG");

  for (const [hash, name] of [[STATES[0], "image"], [STATES[1], "dna"], [STATES[2], "graph"], [STATES[3], "sequence"]]) {
    const p = await t.open(hash, { width: 1280, height: 800 });
    await settled(p);
    await t.screenshotOf(p.locator(".lab-head"), `share-bar-${name}`);
  }
}
