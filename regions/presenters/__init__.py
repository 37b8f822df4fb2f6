"""Display values for the regions app's pages: the strings, rows and links templates print."""
