"""python -m conflict_cli"""

from .cli import main

main()
