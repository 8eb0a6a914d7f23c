// The example's browser scenario: headless Chromium, driven by puppeteer-core, in the worker itself.
const assert = require('node:assert/strict');
const { Before, After, When, Then } = require('@cucumber/cucumber');
const { findChromium, serveStorefront, launchChromium } = require('../support/storefront');

Before({ tags: '@browser' }, function () {
  this.chromium = findChromium();
  if (!this.chromium) {
    this.log('No Chromium here: install it (e.g. apt-get install chromium) or set CHROME_BIN to run this scenario.');
    return 'skipped';
  }
  return undefined;
});

After({ tags: '@browser' }, async function () {
  if (this.browser) await this.browser.close();
  if (this.storefront) await this.storefront.close();
});

When('the shopper opens the storefront in a browser', async function () {
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
