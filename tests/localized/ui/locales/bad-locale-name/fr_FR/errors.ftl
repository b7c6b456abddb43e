not_found = Introuvable
