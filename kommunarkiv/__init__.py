"""The application layer: the `kommunarkiv` command, the crawl runner, reparse and serve. It wires
the layers below together (spiders, pipelines, archive, replica, records) and is the only place
that opens the archive's engine, once per process, and hands it down."""
