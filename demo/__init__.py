"""Everything that fabricates data: the demo (`seed_demo`) and the benchmark dataset
(`generate_scale_data`). Nothing else imports it."""
