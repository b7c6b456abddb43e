not_found = Missing
