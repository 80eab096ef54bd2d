"""The archive: models, migrations, storage, search, and the interfaces over them (CLI, web, API)."""
