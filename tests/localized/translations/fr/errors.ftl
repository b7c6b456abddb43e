-brand = Acme
quoted = Un message « cité » "entre guillemets" \ et { "{" }accolades{ "}" }
not_found =
    { $resource } { $id }
    introuvable
limit = Au-delà de la limite de { $limit }	(tabulation)
invalid = Champs invalides
internal = Erreur interne
branded = Erreur { -brand }{ "\u00E9" }
