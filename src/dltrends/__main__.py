"""``python -m dltrends``: the same as the ``dltrends`` command."""

if __name__ == "__main__":
    from dltrends.build.cli import main

    raise SystemExit(main())
