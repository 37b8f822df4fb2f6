"""Reporting rate and timeliness (DHIS2's): how many active measures of a region or a programme
have their latest period entered, on time or late, and which teams have overdue data."""
