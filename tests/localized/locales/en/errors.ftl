# The source language: the same text as the `message = "..."` templates.
not_found = { $resource } not found
duplicate = A client with this email already exists
invalid_request =
    .MissingField = { $label } is required
    .RateNotPositive = Rate must be positive
rate_limit_exceeded = Rate limit exceeded. Retry after { $secs } seconds.
internal_error = An unexpected error occurred
