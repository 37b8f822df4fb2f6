"""The vocabularies of measurement; the analysis module (measurement/spc) uses the same codes."""

from django.db import models


class MeasureKind(models.TextChoices):
    OUTCOME = "outcome", "Outcome"
    PROCESS = "process", "Process"
    BALANCING = "balancing", "Balancing"


class DataType(models.TextChoices):
    CONTINUOUS = "continuous", "Continuous (a measurement, e.g. length of stay)"
    COUNT = "count", "Count (e.g. falls a week)"
    PROPORTION = "proportion", "Proportion (numerator out of denominator)"
    RATE = "rate", "Rate (events per exposure, e.g. per 1,000 bed-days)"
    EVENTS = "events", "Rare events (each dated, e.g. never events)"


class Chart(models.TextChoices):
    RUN = "run", "Run chart"
    XMR = "xmr", "XmR chart (individuals)"
    P = "p", "P chart"
    PP = "pp", "P′ chart (Laney)"
    U = "u", "U chart"
    UP = "up", "U′ chart (Laney)"
    C = "c", "C chart"
    G = "g", "G chart (opportunities between events)"
    T = "t", "T chart (days between events)"


class RuleSet(models.TextChoices):
    ANHOEJ = "anhoej", "Anhøj rules (qicharts2)"
    IHI = "ihi", "IHI run chart rules"
    MDC = "mdc", "Making Data Count (NHS England)"


class Improvement(models.TextChoices):
    INCREASE = "increase", "Higher is better"
    DECREASE = "decrease", "Lower is better"
    NEITHER = "neither", "Neither"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly (periods start on a Monday)"
    MONTHLY = "monthly", "Monthly (periods start on the 1st)"
