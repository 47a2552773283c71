"""warmline.cli."""
