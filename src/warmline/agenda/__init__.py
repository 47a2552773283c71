"""warmline.agenda."""
