"""What is shown of a document: the index of its lanes for a view state, the viewport, the axis
and the layout of a frame."""
