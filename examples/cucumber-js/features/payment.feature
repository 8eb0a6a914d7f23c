Feature: Payment

  Scenario: Paying by card
    Given the shop answers after 1 seconds
    And an empty cart
    And the shopper adds 1 "teapot" at 20.00
    When the shopper pays 20.00 by card
    Then the order is confirmed

  Scenario: An expired card is charged anyway
    Given an empty cart
    And the shopper adds 1 "teapot" at 20.00
    When the shopper pays 20.00 with an expired card
    Then the order is confirmed
