"""The regions API: regions, organisations, regional activity records and the national and
regional figures (/api/v1/regions/, /organisations/, /activity/<kind>/, /metrics/)."""
