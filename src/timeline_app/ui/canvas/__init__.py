"""The timeline canvas: the widget, the painter it and every export draw with, its sprites and theme."""
