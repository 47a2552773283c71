"""warmline.ingest."""
