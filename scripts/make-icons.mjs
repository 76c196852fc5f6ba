// Renders the app icons (public/icons/*.png) from one SVG with headless Chromium.
// Run: node scripts/make-icons.mjs   (outputs are committed; rerun only when the design changes)
import { chromium } from '@playwright/test';

const svg = (maskable) => `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${maskable ? 0 : 96}" fill="#14161c"/>
  <g transform="translate(256 256) scale(${maskable ? 0.72 : 0.86}) translate(-256 -256)">
    <rect x="96" y="190" width="320" height="210" rx="18" fill="#262a35" stroke="#f2b84b" stroke-width="14"/>
    <path d="M96 190 L120 118 L416 118 L392 190 Z" fill="#f2b84b"/>
    <path d="M150 118 L132 190 M210 118 L192 190 M270 118 L252 190 M330 118 L312 190 M390 118 L372 190"
          stroke="#14161c" stroke-width="22"/>
    <rect x="128" y="226" width="116" height="66" rx="6" fill="#f2b84b" opacity="0.9"/>
    <rect x="268" y="226" width="116" height="66" rx="6" fill="#8ab4ff" opacity="0.9"/>
    <rect x="128" y="308" width="116" height="66" rx="6" fill="#8ab4ff" opacity="0.9"/>
    <rect x="268" y="308" width="116" height="66" rx="6" fill="#f2b84b" opacity="0.9"/>
  </g>
</svg>`;

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox']
});
const page = await browser.newPage();
for (const [name, size, maskable] of [
	['icon-192', 192, false],
	['icon-512', 512, false],
	['icon-maskable-192', 192, true],
	['icon-maskable-512', 512, true]
]) {
	await page.setViewportSize({ width: size, height: size });
	await page.setContent(
		`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg(maskable)}`
	);
	await page.screenshot({ path: `public/icons/${name}.png`, omitBackground: true });
}
await browser.close();
