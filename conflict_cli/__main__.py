"""python -m conflict_cli"""

from .entry import main

main()
