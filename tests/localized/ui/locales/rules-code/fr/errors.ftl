rules = Règles
not_found = { $resource } introuvable
