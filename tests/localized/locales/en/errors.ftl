# The source language: the same text as the `message = "..."` templates.
not_found = { $resource } not found
duplicate = A client with this email already exists
invalid_request =
    .MissingField = { $label } is required
    .RateNotPositive = Rate must be positive
rate_limit_exceeded = Rate limit exceeded. Retry after { $secs } seconds.
internal_error = An unexpected error occurred
validation_error = Request validation failed
# An item of an `errors` list, by the validation rule that failed: `$field`
# is its path, the rule's parameters are the other variables.
rules =
    .email = Invalid email format
    .length = { $field } must have { $min } to { $max } characters
    .range = Must be at least { $min }
    .length_lower_than = { $min ->
        [one] Must have at least one character
       *[other] Must have at least { $min } characters
    }
    .required_not_set = Required
