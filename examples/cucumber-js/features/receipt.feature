Feature: Receipt

  Scenario: A receipt is sent by e-mail
    Given an empty cart
    And the shopper adds 1 "teapot" at 20.00
    When the shopper pays 20.00 by card
    Then a receipt is e-mailed
