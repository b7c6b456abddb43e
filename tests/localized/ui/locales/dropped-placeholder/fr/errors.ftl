not_found = { $resource } introuvable
