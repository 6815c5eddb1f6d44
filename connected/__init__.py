"""Connected: open software for tackling loneliness in England."""
