rules = Rules
not_found = { $resource } not found
