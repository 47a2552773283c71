"""warmline.templates."""
