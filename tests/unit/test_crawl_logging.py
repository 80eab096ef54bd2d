"""--log-format json logs from the level asked for, whatever Scrapy does to the root logger, and no
telnet console logs its password into a nightly job's journal."""

from __future__ import annotations

import json
import logging

from kommunarkiv.crawl import _json_logging, crawl_settings


def test_json_lines_keep_the_level_asked_for_when_the_root_logger_is_opened_again(capsys) -> None:
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    try:
        _json_logging("WARNING")
        root.setLevel(logging.NOTSET)  # what Scrapy's crawlers do to the root logger as they start
        log = logging.getLogger("scrapy.test")
        log.debug("Using reactor")
        log.info("Telnet Password: 0123")
        log.warning("Gave up retrying %s", "https://kungsor.se/x")
        lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
    assert [(e["level"], e["logger"], e["message"]) for e in lines] == [
        ("WARNING", "scrapy.test", "Gave up retrying https://kungsor.se/x")]


def test_the_crawl_has_no_telnet_console() -> None:
    assert crawl_settings({}).getbool("TELNETCONSOLE_ENABLED") is False
