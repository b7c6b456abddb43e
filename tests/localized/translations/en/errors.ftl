# The source language.
quoted = A "quoted" \ message
not_found = { $resource } { $id } not found
limit = Over the limit of { $limit }
invalid = Invalid fields
internal = Internal error
branded = Branded error
