// The example's browser scenario: headless Chromium, driven by puppeteer-core, in the worker itself.
const assert = require('node:assert/strict');
const { Before, After, When, Then } = require('@cucumber/cucumber');
const { findChromium, serveStorefront, launchChromium } = require('../support/storefront');

// Chromium's start and close take 1–2 s on an idle laptop and several on a busy 2-core CI worker: cucumber-js's
// default step timeout of 5 s would fail the scenario for the machine's load, not for the shop.
const BROWSER_TIMEOUT_MS = 60 * 1000;

Before({ tags: '@browser' }, function () {
  this.chromium = findChromium();
  if (!this.chromium) {
    this.log('No Chromium here: install it (e.g. apt-get install chromium) or set CHROME_BIN to run this scenario.');
    return 'skipped';
  }
  return undefined;
});

After({ tags: '@browser', timeout: BROWSER_TIMEOUT_MS }, async function () {
  if (this.browser) await this.browser.close();
  if (this.storefront) await this.storefront.close();
});

When('the shopper opens the storefront in a browser', { timeout: BROWSER_TIMEOUT_MS }, async function () {
  this.storefront = await serveStorefront(this.catalog);
  this.browser = await launchChromium(this.chromium);
  this.page = await this.browser.newPage();
  await this.page.goto(this.storefront.url);
});

When('she adds {string} to the cart there', async function (product) {
  await this.page.click(`button[data-product="${product}"]`);
});

Then("the storefront's cart shows {int} item(s)", async function (count) {
  const shown = await this.page.$eval('#cart-count', (badge) => badge.textContent);
  assert.equal(shown, String(count));
});

Then('a screenshot of the storefront is attached', async function () {
  const png = await this.page.screenshot({ type: 'png' });
  this.attach(Buffer.from(png), { mediaType: 'image/png', fileName: 'storefront.png' });
});
