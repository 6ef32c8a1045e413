// Renders assets/icon.svg to the PNGs electron-builder packages (npm run icons): assets/icons/
// NNxNN.png for Linux and assets/icon.png (1024) for macOS and Windows. It draws with headless
// Chromium (Debian's, which the UI tests use already; CHROMIUM to use another).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';

const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const svg = readFileSync('assets/icon.svg');
const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 }, deviceScaleFactor: 1 });
  mkdirSync('assets/icons', { recursive: true });
  for (const size of SIZES) {
    await page.setContent(
      `<body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    const clip = { x: 0, y: 0, width: size, height: size };
    await page.screenshot({ path: `assets/icons/${size}x${size}.png`, clip, omitBackground: true });
    if (size === 1024) await page.screenshot({ path: 'assets/icon.png', clip, omitBackground: true });
  }
} finally {
  await browser.close();
}
console.log(`assets/icons/: ${SIZES.map((size) => `${size}x${size}`).join(' ')}; assets/icon.png`);
