validation_error = Request validation failed
rules =
    .email = Invalid email format
    .range = Must be at least { $min }
