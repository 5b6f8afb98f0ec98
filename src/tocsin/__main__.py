"""``python -m tocsin`` runs the command line."""
from tocsin.cli import main

main()
