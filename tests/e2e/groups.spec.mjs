// The groups explorer: D4 does not commute, the inverse undoes, the Cayley
// table picks pairs; the glossary opens at a term.
export default async function (t) {
  const { assert } = t;
  const page = await t.open("#/groups?group=d4&g=rot90&h=flipx");
  await page.waitForSelector('[data-testid="commute"]');
  assert.match(await page.textContent('[data-testid="commute"]'), /order matters/);
  // Pick rot90 · rot180 in the table: rotations commute.
  await page.click('table.cayley button[aria-label$="rot90 · rot180 = rot270"]');
  assert.match(await page.textContent('[data-testid="commute"]'), /commute/);
  assert.doesNotMatch(await page.textContent('[data-testid="commute"]'), /order matters/);
  await page.waitForFunction(() => location.hash.includes("h=rot180"));
  // Every group of the menu renders its table.
  for (const name of ["Z6", "C4", "{1, RC}", "S3", "S4"]) {
    await page.click(`.group-picker button:has-text("${name}")`);
    await page.waitForSelector("table.cayley");
  }
  await t.screenshot(page, "groups-s4", true);

  const glossary = await t.open("#/glossary?term=equivariance");
  await glossary.waitForSelector("#term-equivariance.focused");
  assert.ok(await glossary.locator("#term-equivariance math").count() > 0, "formulas are MathML");
}
