# The clients API's messages in English, its source language: the
# `message = "..."` templates of `ClientsError`.

unauthorized = Invalid API key provided
forbidden = You do not have access to this { $resource }
not_found = { $resource } not found
invalid_request =
    .MissingField = { $label } is required
    .RateNotPositive = Rate must be positive
invalid_parameter = Rate must be a positive number
validation_error = Request validation failed
duplicate = A client with this email already exists
conflict = Invoice has already been sent
rate_limit_exceeded = Rate limit exceeded. Retry after { $secs } seconds.
internal_error = An unexpected error occurred
# An item of a `validation_error`'s `errors`, by the rule that failed: the
# rule's parameters (`$min`) and the item's path (`$field`) are the variables.
rules =
    .email = Invalid email format
    .range = Must be positive
