// Opens built pages in Debian's Chromium with the clock set to a given day
// (Vietnam's time zone), with and without JavaScript, and prints, for each
// page, its session items as the reader sees them: visible or not, and the
// text of the reader's-date tags. Usage:
//   node reader-date.mjs SITE_DIR YYYY-MM-DD page.html [page.html …]
import { chromium } from 'playwright-core';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [site, day, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const report = [];
try {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled, timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 320, height: 900 } });
    for (const rel of pages) {
      const page = await context.newPage();
      await page.clock.setFixedTime(new Date(`${day}T09:00:00+07:00`));
      await page.goto(pathToFileURL(resolve(join(site, rel))).href);
      await page.waitForLoadState('load');
      const items = await page.evaluate(() =>
        [...document.querySelectorAll('table.schedule tbody tr, table.week tbody tr, table.grid thead th, ul.sessions > li')].map(el => ({
          text: el.textContent.replace(/\s+/g, ' ').trim().slice(0, 80),
          // As laid out: a hidden row shown as a block by the stylesheet still counts.
          visible: el.getClientRects().length > 0,
          tags: [...el.querySelectorAll('.when-tag')].map(t => t.textContent),
          // Muted as past: the item itself, or a grid row's cells.
          past: el.querySelectorAll('.past').length + (el.classList.contains('past') ? 1 : 0),
        })));
      report.push({ page: rel, javaScriptEnabled, items });
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
