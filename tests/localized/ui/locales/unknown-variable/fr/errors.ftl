not_found = { $resourc } { $id } introuvable
