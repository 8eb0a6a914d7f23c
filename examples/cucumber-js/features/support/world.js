const { setWorldConstructor, World } = require('@cucumber/cucumber');

class ShopWorld extends World {
  signIn(password) {
    const shopper = this.shoppers[this.current];
    this.signedIn = false;
    if (shopper.locked) this.error = 'account locked';
    else if (shopper.password !== password) this.error = 'wrong password';
    else this.signedIn = true;
  }

  total() {
    const sum = this.cart.reduce((total, line) => total + line.price, 0);
    return sum * (1 - (this.discount || 0));
  }
}

setWorldConstructor(ShopWorld);
