Feature: Catalog

  Scenario: Listing the products
    Given the catalog has "teapot", "kettle" and "mug"
    Then the shopper sees 3 products

  Scenario: Showing a product's details
    Given the catalog has "teapot", "kettle" and "mug"
    When the shopper opens "kettle"
    Then the details show "kettle"

  Scenario: Searching by name
    Given the shop answers after 2 seconds
    And the catalog has "teapot", "kettle" and "mug"
    When the shopper searches for "tea"
    Then the shopper sees 1 products

  @browser
  Scenario: Adding a product to the cart in the storefront
    Given the catalog has "teapot", "kettle" and "mug"
    When the shopper opens the storefront in a browser
    And she adds "kettle" to the cart there
    Then the storefront's cart shows 1 item
    And a screenshot of the storefront is attached
