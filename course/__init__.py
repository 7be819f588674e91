"""Helpers the course notebooks import: data loading, plots, and friendly checks for students."""
