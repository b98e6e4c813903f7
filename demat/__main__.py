from demat.cli import main

main()
