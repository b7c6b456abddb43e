# The clients API's messages in French. The variables are the fields of
# each `ClientsError` variant.

unauthorized = Clé d'API invalide
forbidden = { $resource ->
    [invoice] Vous n'avez pas accès à cette facture
   *[other] Vous n'avez pas accès à ce { $resource }
}
not_found = { $resource ->
    [Invoice] Facture introuvable
   *[other] { $resource } introuvable
}
invalid_request =
    .MissingField = { $label } est obligatoire
    .RateNotPositive = Le tarif doit être positif
invalid_parameter = Le tarif doit être un nombre positif
validation_error = La validation de la requête a échoué
duplicate = Un client avec cette adresse e-mail existe déjà
conflict = La facture a déjà été envoyée
rate_limit_exceeded = { $secs ->
    [one] Limite de requêtes atteinte. Réessayez dans { $secs } seconde.
   *[other] Limite de requêtes atteinte. Réessayez dans { $secs } secondes.
}
internal_error = Une erreur inattendue s'est produite
rules =
    .email = Format d'adresse e-mail invalide
    .range = Doit être supérieur ou égal à { $min }
