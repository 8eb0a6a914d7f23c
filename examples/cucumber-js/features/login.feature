Feature: Login
  Shoppers sign in before they buy.

  Scenario: A shopper signs in with a valid password
    Given a shopper "ada" with password "lovelace"
    When she signs in with password "lovelace"
    Then she is signed in

  Scenario: A wrong password is refused
    Given a shopper "ada" with password "lovelace"
    When she signs in with password "babbage"
    Then she is told the password is wrong

  Scenario: A locked account cannot sign in
    Given a shopper "grace" with password "hopper"
    And her account is locked
    When she signs in with password "hopper"
    Then she is told the account is locked

  Scenario: Remember me keeps the shopper signed in
    Given the shop answers after 2 seconds
    And a shopper "ada" with password "lovelace"
    When she signs in with password "lovelace" and asks to be remembered
    Then she is signed in
