"""warmline.store."""
