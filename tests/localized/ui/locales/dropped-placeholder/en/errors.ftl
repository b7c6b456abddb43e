not_found = { $resource } { $id } not found
