not_found = Not found
