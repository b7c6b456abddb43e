unauthorized = Clé d'API invalide
not_found = { $resource } introuvable
validation_error = La validation de la requête a échoué
internal_error = Une erreur inattendue s'est produite
