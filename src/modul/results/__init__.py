"""The results of a workshop: scores, gains, item analysis, evaluation, attendance."""
