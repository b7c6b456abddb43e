invalid_request = { $label } est obligatoire
