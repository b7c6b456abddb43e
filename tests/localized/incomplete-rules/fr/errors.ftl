validation_error = La validation de la requête a échoué
rules =
    .range = Doit être au moins { $min }
