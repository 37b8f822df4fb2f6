"""The projects API: projects with their team, regions and aim; driver diagram nodes; PDSA
cycles (/api/v1/projects/, /primary-drivers/, /secondary-drivers/, /change-ideas/,
/pdsa-cycles/)."""
