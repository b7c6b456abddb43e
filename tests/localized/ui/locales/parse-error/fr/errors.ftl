# Les erreurs

not_found = Introuvable
duplicate = { $email 
