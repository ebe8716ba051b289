"""dltrends: the calculations behind the book "What deep learning costs to run".

Every number and chart in the book comes from this package. Modules:

* :mod:`dltrends.units`: FLOPs and MACs, SI prefixes, FLOPS/W and FLOP/J, bytes.
* :mod:`dltrends.data`: loading and validating the CSV files in ``data/``.
* :mod:`dltrends.hardware`: GPU efficiency, mixed-precision speed-ups (Tables 3, 4, 8, 9).
* :mod:`dltrends.energy`: joules per inference (Eq. 1 and 2), from a GPU or the hardware trend.
* :mod:`dltrends.trends`: exponential trend fits, the paper's model selections, Pareto frontiers.
* :mod:`dltrends.scaling`: EfficientNet compound scaling (Eq. 3, 4) and the Table 2 estimates.
* :mod:`dltrends.forecast`: extrapolation, human energy references, the multiplicative effect.
* :mod:`dltrends.layers`: a layer-shape calculator for CNNs (shapes, parameters, MACs).
* :mod:`dltrends.memory`: training and inference memory in bytes under named conventions.
* :mod:`dltrends.display`: what chapters show: glued numbers, tables, chart builders (Altair).
"""

__version__ = "0.1.0"
