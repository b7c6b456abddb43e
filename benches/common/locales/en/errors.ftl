# The source language: the same text as the `message = "..."` templates.
unauthorized = Invalid API key provided
not_found = { $resource } not found
validation_error = Request validation failed
internal_error = An unexpected error occurred
