not_found = { $resource } not found
duplicate = Already exists
