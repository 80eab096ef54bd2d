"""Alembic environment: runs on the engine handed over by archive.db (no alembic.ini needed)."""

from alembic import context

from archive.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    context.run_migrations()
