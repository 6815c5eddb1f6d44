def national(r): pass
national_map=method=authorities_csv=small_areas_csv=factors_csv=authority=supply_csv=authority_factors_csv=national
