"""Scrapy settings for kommunarkiv. Precedence (Scrapy's): `-s NAME=VALUE` on the command line,
then these, then Scrapy's defaults. Tunables that differ per machine come from the environment."""

import os

from records.version import VERSION

BOT_NAME = "kommunarkiv"
SPIDER_MODULES = ["spiders.sitevision"]
NEWSPIDER_MODULE = "spiders"

CONTACT_URL = os.environ.get("KOMMUNARKIV_CONTACT", "https://github.com/kommunarkiv/kommunarkiv")
USER_AGENT = f"kommunarkiv/{VERSION} (+{CONTACT_URL})"

# Polite by default: robots.txt, at most 2 requests at a time per site, AutoThrottle.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Items and requests a callback returns, handled at once: Scrapy starts this many asyncio tasks for
# every response, whatever it returns (100 by default: 10-15 % of a crawl's time in a profile,
# for pages that return one item). One at a time: the items of a page are handled in order.
CONCURRENT_ITEMS = 1
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Bounded fetches: a municipal page is ~100 KB; 20 MB is far beyond any real one.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
URLLENGTH_LIMIT = 2083  # Scrapy's default, said aloud: longer links are dropped and counted
KOMMUNARKIV_RETRY_AFTER_MAX = 60.0  # wait up to this for a 429/503 Retry-After; longer: not retried now
DOWNLOADER_MIDDLEWARES = {
    "spiders.middlewares.RetryAfterMiddleware": 560,  # sees 429/503 before RetryMiddleware (550)
    "spiders.middlewares.RedirectGuard": 650,  # sees 3xx before RedirectMiddleware (600)
}
KOMMUNARKIV_MAX_LISTING_PAGES = 1000
KOMMUNARKIV_PARSER = "records.parsers.parse_article"  # HTML + URL -> record, by dotted path

ITEM_PIPELINES = {
    "pipelines.normalise.NormalisePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.dedupe.DedupePipeline": 300,
    "pipelines.store.StorePipeline": 400,
}
EXTENSIONS = {"spiders.summary.CrawlSummary": 500}
# No telnet console: nothing here uses it, and it logs its password at INFO, which a nightly job's
# JSON log would carry into the journal.
TELNETCONSOLE_ENABLED = False
LOG_FORMATTER = "spiders.logformatter.ConciseLogFormatter"

# The archive (KOMMUNARKIV_DB): any SQLAlchemy URL. Unset, the environment variable of that name is
# used, else the default in archive/db.py. `kommunarkiv crawl` hands its open archive down instead.
KOMMUNARKIV_MAX_INVALID_RATIO = 0.10
KOMMUNARKIV_STORE_BATCH = 50
# Analyse and store in a writer process of its own (pipelines/store.py), with at most this many
# batches a site handed to it and not yet stored: the crawl then uses a second core (a full crawl
# took two thirds of the time, README "Crawl speed"). False stores on the crawl's own core.
KOMMUNARKIV_STORE_PROCESS = True
KOMMUNARKIV_STORE_QUEUE = 4
# SQLite's page cache for the archive's writing connection, in kB; 0: archive.writer.WRITE_CACHE_KB
# (64 MB), which a crawl fills by about its 3,000th page and then keeps. 16384 peaked 53 MB lower
# at no measured CPU cost on a 10,844-page crawl (README: Crawl memory); the large cache is for
# storing into a large archive (bench/neardup.py: 3.3x slower at 1M articles with 2 MB).
KOMMUNARKIV_WRITE_CACHE_KB = 0
# A database server that cannot be reached (restarting, failing over): the batch is tried again with
# a growing pause for up to this long, the crawl waiting meanwhile; then exit 4 and the next crawl
# stores the rest.
KOMMUNARKIV_DB_OUTAGE_SECONDS = 120.0
KOMMUNARKIV_REDIS_OUTAGE_SECONDS = 120.0  # the same for a distributed crawl's Redis
KOMMUNARKIV_INCREMENTAL = True  # conditional requests, sitemap lastmod, listing paged only to known news
KOMMUNARKIV_MAX_ERROR_RATE = 0.20  # health check: failed fetches / pages fetched
KOMMUNARKIV_COVERAGE_DROP = 0.30  # health check: a field's coverage falling this much against earlier runs
# Requests waiting to be fetched go to a fresh on-disk queue (Scrapy's JOBDIR) in this folder
# (None: the system's temporary folder), deleted when the crawl ends, so a crawl's memory does not
# grow with the size of the site; never resumed (a JOBDIR resumed after SIGKILL loses requests:
# its queue index is written only at a clean shutdown). False keeps the queue in memory; a
# distributed crawl queues in Redis either way.
KOMMUNARKIV_DISK_QUEUE = True
KOMMUNARKIV_QUEUE_DIR = None
# The fingerprints of every request asked for, on disk, not in memory (a distributed crawl keeps
# them in Redis instead: spiders.distributed)
DUPEFILTER_CLASS = "spiders.dupefilter.DiskDupeFilter"

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("KOMMUNARKIV_LOG_LEVEL", "INFO")
