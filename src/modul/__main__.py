from modul.entry import main

if __name__ == "__main__":  # not again in each worker a parallel build starts (spawn)
    main()
