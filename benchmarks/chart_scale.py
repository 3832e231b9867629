"""Axis scaling and number labels shared by the benchmark charts (plot-all.py, plot-nodes.py)."""


def nice_ceiling(value, headroom=1.05):
    """The smallest round number (1, 1.2, 1.5, 2, ... times a power of ten) at least `headroom` times `value`."""
    step = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if factor * step >= value * headroom:
            return factor * step
    return 10 * step


def short(value):
    """A short label: 1.2M, 35k, 812."""
    if value >= 1e6:
        return f"{value / 1e6:.1f}M"
    if value >= 1e4:
        return f"{value / 1e3:.0f}k"
    return f"{value:.0f}"
