"""The demo site: its content as data files (content/*.toml) and the loader that builds the
pages from them (`manage.py load_demo`). Development and tests only: production never loads it."""
