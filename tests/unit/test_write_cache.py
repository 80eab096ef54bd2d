"""The archive writer's SQLite page cache: its size from KOMMUNARKIV_WRITE_CACHE_KB, else WRITE_CACHE_KB."""

from scrapy.utils.test import get_crawler
from sqlalchemy import create_engine

from archive.writer import WRITE_CACHE_KB, ArchiveWriter, write_cache
from pipelines.store import StorePipeline
from spiders.sitevision import SitevisionSpider


def test_write_cache_sets_the_connections_page_cache():
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        write_cache(conn, 1234)
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -1234
        write_cache(conn)
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -WRITE_CACHE_KB


def test_the_writer_takes_the_size_it_is_given_or_its_own():
    engine = create_engine("sqlite://")
    assert ArchiveWriter(engine).cache_kb == WRITE_CACHE_KB == 65536
    assert ArchiveWriter(engine, 16384).cache_kb == 16384


def test_the_store_pipeline_reads_the_setting():
    settings = {"ITEM_PIPELINES": {}}
    assert StorePipeline.from_crawler(get_crawler(SitevisionSpider, settings)).cache_kb is None
    crawler = get_crawler(SitevisionSpider, {**settings, "KOMMUNARKIV_WRITE_CACHE_KB": 16384})
    assert StorePipeline.from_crawler(crawler).cache_kb == 16384
