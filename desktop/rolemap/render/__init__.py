"""The one-page diagram painted with QPainter (PDF, SVG, PNG); no widgets."""
