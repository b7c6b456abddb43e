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
