"""What the learning system adds to the pages of the apps below it (projects.contributions).

Each part of the learning app registers its sections here so the apps below need not import it.
"""
