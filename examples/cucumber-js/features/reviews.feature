Feature: Reviews

  Scenario: Writing a review
    Given the catalog has "teapot", "kettle" and "mug"
    When the shopper rates "teapot" 5 stars
    Then "teapot" has an average of 5 stars

  Scenario: Reading the reviews
    Given the catalog has "teapot", "kettle" and "mug"
    And "mug" was rated 4 and 2 stars
    Then "mug" has an average of 3 stars
