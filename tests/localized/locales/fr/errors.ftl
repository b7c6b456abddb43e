not_found = { $resource } introuvable
duplicate = Un client avec cette adresse existe déjà
invalid_request =
    .MissingField = { $label } est obligatoire
    .RateNotPositive = Le tarif doit être positif
rate_limit_exceeded = { $secs ->
    [one] Limite atteinte. Réessayez dans { $secs } seconde.
   *[other] Limite atteinte. Réessayez dans { $secs } secondes.
}
internal_error = Une erreur inattendue s'est produite
validation_error = La validation de la requête a échoué
rules =
    .email = Format d'adresse e-mail invalide
    .length = { $field } doit avoir entre { $min } et { $max } caractères
    .range = Doit être au moins { $min }
    .length_lower_than = { $min ->
        [one] Doit contenir au moins un caractère
       *[other] Doit contenir au moins { $min } caractères
    }
    .required_not_set = Obligatoire
