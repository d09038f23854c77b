// Accessibility (issue 9): axe-core (from npm, pinned in package-lock.json)
// runs on every route and must find no serious or critical violation. The
// app's Content-Security-Policy forbids injected scripts, so this spec alone
// opens its pages with playwright's bypassCSP.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ROUTES = ["#/", "#/image", "#/graph", "#/dna", "#/sequence", "#/groups", "#/glossary", "#/tour", "#/train"];

export default async function (t) {
  const axe = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const report = [];
  for (const route of ROUTES) {
    for (const scheme of ["light", "dark"]) {
      const page = await t.open(route, undefined, { bypassCSP: true, colorScheme: scheme });
      await page.waitForSelector("main, .page, section", { timeout: 15000 });
      // Let the lab compute and draw (the readouts are part of what is checked).
      await page.waitForTimeout(route === "#/" || route === "#/glossary" ? 300 : 1500);
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")} ${n.failureSummary.replace(/\s+/g, " ").slice(0, 160)}`) }));
      });
      for (const v of violations) report.push(`${route} (${scheme}) ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join("\n    ")}`);
      await page.context().close();
    }
  }
  t.assert.deepEqual(report, [], `axe found:\n${report.join("\n")}`);
}
