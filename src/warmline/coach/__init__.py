"""warmline.coach."""
