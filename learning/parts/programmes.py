"""What this part registers with the pages of the apps below (projects.contributions)."""
