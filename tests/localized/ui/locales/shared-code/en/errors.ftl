invalid_request =
    .MissingField = { $label } is required
    .RateNotPositive = Rate must be positive
