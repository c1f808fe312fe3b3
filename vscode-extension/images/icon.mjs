// Draws images/icon.png (128×128) with headless Chromium: `node images/icon.mjs`.
import { chromium } from 'playwright-core';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="24" fill="#0f4c5c"/>
  <rect x="22" y="86" width="14" height="20" rx="3" fill="#5fd3bc"/>
  <rect x="44" y="76" width="14" height="30" rx="3" fill="#9be15d"/>
  <rect x="66" y="64" width="14" height="42" rx="3" fill="#ffd166"/>
  <rect x="88" y="52" width="14" height="54" rx="3" fill="#ef8354"/>
  <text x="64" y="44" text-anchor="middle" font-family="DejaVu Sans Mono, monospace" font-weight="bold"
    font-size="30" fill="#ffffff">kli</text>
</svg>`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`);
await page.screenshot({ path: new URL('icon.png', import.meta.url).pathname, omitBackground: true });
await browser.close();
