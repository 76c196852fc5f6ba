import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '/work/wt/video/scripts/chromium.mjs';
import { serveStatic } from '/work/wt/video/scripts/serve.mjs';
const server = await serveStatic({ root: '/work/wt/video/.bench/media-build', isolated: process.env.ST !== '1' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text().slice(0, 300)));
page.on('worker', (w) => w.on('console', (m) => console.log('worker:', m.text().slice(0, 300))));
await page.goto(`${server.url}/media.html`);
await page.waitForFunction(() => window.harnessReady);
await page.setInputFiles('#clip', process.argv[2]);
const r = await page.evaluate(async () => {
  const clip = window.pickedFile();
  try { const p = await window.media.probeVideo(undefined, clip); 
    const f = await window.media.sampleFrames(undefined, clip, p, window.defaultOptions);
    return { p, n: f.length }; } catch (e) { return { error: String(e), kind: e.kind }; }
});
console.log(JSON.stringify(r));
await browser.close(); await server.close();
