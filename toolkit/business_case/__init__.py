"""Step 3, design: the partnership's business case."""
