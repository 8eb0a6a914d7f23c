// The storefront the example's browser scenario drives: a page served by the scenario itself on a free local port
// (so it needs no network and no shop deployed anywhere) and the machine's own headless Chromium.
const fs = require('node:fs');
const http = require('node:http');

// Where Debian, Ubuntu, Fedora and macOS put Chromium or Chrome; CHROME_BIN (set in the runner image) comes first.
const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

function findChromium() {
  const configured = process.env.CHROME_BIN;
  if (configured) return fs.existsSync(configured) ? configured : null;
  return BROWSERS.find((path) => fs.existsSync(path)) || null;
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function storefrontPage(catalog) {
  const products = catalog.map((name) => `<li><span>${escapeHtml(name)}</span>`
    + ` <button data-product="${escapeHtml(name)}">Add to cart</button></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example shop</title><style>
body{font:16px system-ui,sans-serif;margin:0;color:#1d2330}header{display:flex;justify-content:space-between;
align-items:center;padding:12px 24px;background:#24507a;color:#fff}h1{font-size:20px;margin:0}
ul{list-style:none;padding:16px 24px}li{display:flex;gap:16px;align-items:center;padding:8px 0;
border-bottom:1px solid #dde3ea}li span{min-width:120px}#cart-count{background:#fff;color:#24507a;
border-radius:10px;padding:2px 8px;font-weight:bold}</style></head><body>
<header><h1>Example shop</h1><span>Cart <span id="cart-count">0</span></span></header><ul>${products}</ul>
<script>
for (const button of document.querySelectorAll('button[data-product]')) {
  button.addEventListener('click', () => {
    const count = document.getElementById('cart-count');
    count.textContent = String(Number(count.textContent) + 1);
    button.textContent = 'Added';
  });
}
</script></body></html>`;
}

async function serveStorefront(catalog) {
  const page = storefrontPage(catalog);
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function launchChromium(executablePath) {
  // Required here, not at the top: most scenarios drive no browser, and every runner start would pay for loading it.
  const puppeteer = require('puppeteer-core');
  return puppeteer.launch({
    executablePath,
    headless: true,
    defaultViewport: { width: 800, height: 480 },
    // --no-sandbox: Chromium's sandbox cannot start as root (CI) nor without user namespaces (most containers);
    // the page is the scenario's own. --disable-dev-shm-usage: a container's /dev/shm is often 64 MB.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    // Left to Node: a runner that is timed out or stopped gets SIGTERM and must end; puppeteer's own handler
    // would keep it alive. Chromium goes with the worker (its process tree locally, its pod on Kubernetes).
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

module.exports = { findChromium, serveStorefront, launchChromium };
