"""Language layer: script rules, Dari adaptation, Afghan dates, glossary, masking, memory."""
