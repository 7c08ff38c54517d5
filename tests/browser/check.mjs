// Opens built pages in Debian's Chromium (no browser download) at 320 px and
// 1280 px, runs axe-core (WCAG 2.1 A/AA), checks there is no horizontal
// scrolling and that tap targets are at least 44 px, takes screenshots, and
// prints one JSON report on stdout. Usage:
//   node check.mjs SITE_DIR SHOT_DIR page.html [page.html …]
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [site, shots, ...pages] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const report = [];
try {
  for (const width of [320, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: true });
    for (const rel of pages) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(resolve(join(site, rel))).href);
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
      });
      const layout = await page.evaluate(() => {
        const small = [];
        for (const el of document.querySelectorAll('a, button, input, select, textarea')) {
          const r = el.getBoundingClientRect();
          // Links inside running text are exempt (WCAG 2.5.8 inline exception).
          const inline = el.closest('p, li, td, th, dd') && getComputedStyle(el).display === 'inline';
          if (r.width > 0 && r.height > 0 && r.height < 44 && !inline) small.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}" ${Math.round(r.height)}px`);
        }
        return {
          scrollWidth: document.documentElement.scrollWidth,
          fontSize: parseFloat(getComputedStyle(document.body).fontSize),
          smallTargets: small.slice(0, 10),
        };
      });
      const shot = join(shots, `${rel.replace(/[\/.]/g, '_')}-${width}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      report.push({ page: rel, width, axe, ...layout, shot });
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
