"""The numpy library behind the book *Learning-based models*.

Each module holds one lesson's subject matter: the data it learns from, the model,
its training loop and the figures that show what it learned. Chapters import the
package once, as ``import lessons_lib as ll``, and call it.
"""

from . import animation, checks, datasets, lines, logistic, mlp, plotting
from . import mnist
from . import digits, augment, digit_plots
