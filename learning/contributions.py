"""What the learning system adds to the pages of the apps below it (projects.contributions): each
part registers its own sections in learning/parts/, so the apps below need not import this one."""

from learning.parts import catalogue, programmes, results, reuse, spread, stories  # noqa: F401
