Feature: Rules and outlines

  Background:
    Given a shop

  Rule: adding

    Scenario Outline: add <n>
      When I add <n> items
      Then the cart has <n> items

      Examples:
        | n |
        | 1 |
        | 2 |

  Rule: skipping
    @skipme
    Scenario: skipped by a hook
      When I add 1 items

    Scenario: with attachment
      When I attach a log
      Then the cart has 0 items
