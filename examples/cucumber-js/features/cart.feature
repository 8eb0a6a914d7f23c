Feature: Cart

  Scenario: Adding an item to the cart
    Given an empty cart
    When the shopper adds 2 "teapot" at 15.00
    Then the cart holds 2 items

  Scenario: Removing an item from the cart
    Given an empty cart
    And the shopper adds 1 "kettle" at 30.00
    When the shopper removes "kettle"
    Then the cart holds 0 items

  Scenario: The cart total is shown with a receipt preview
    Given the shop answers after 1 seconds
    And an empty cart
    When the shopper adds 3 "mug" at 4.50
    Then the cart total is 13.50
    And a receipt preview is attached

  Scenario: A discount code applies after the pricing service warms up
    Given an empty cart
    And the shopper adds 1 "teapot" at 20.00
    When the shopper applies the discount code "WELCOME10"
    Then the cart total is 18.00
