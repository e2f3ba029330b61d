from modul.cli import main

main()
