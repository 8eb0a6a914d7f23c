// Step definitions of the message-shape fixtures: just enough behaviour for each Gherkin shape to pass, fail,
// skip, attach or retry as cucumber-js reports it.
const { Given, When, Then, Before, After } = require('@cucumber/cucumber');
const assert = require('assert');
const fs = require('fs');

Before({ tags: '@skipme' }, function () { return 'skipped'; });
After(function () {});

Given('a shop', function () { this.items = 0; });
Given('a file named {string} with:', function (name, text) { this.files = { [name]: text }; });
When('I add {int} items', function (n) { this.items = (this.items || 0) + n; });
When('I attach a log', function () { this.attach('hello log', 'text/plain'); });
Then('the cart has {int} items', function (n) { assert.strictEqual(this.items || 0, n); });

// Counts tries in a file of the working directory, so the scenario fails on its first try and passes on its retry.
When('a counter file is bumped', function () {
  const tries = fs.existsSync('tries') ? Number(fs.readFileSync('tries', 'utf8')) : 0;
  fs.writeFileSync('tries', String(tries + 1));
  this.tries = tries + 1;
});
Then('the counter is even', function () { assert.strictEqual(this.tries % 2, 0); });
