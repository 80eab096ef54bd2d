"""A local replica of arboga.se, koping.se and kungsor.se (Sitevision markup and URL patterns),
served over real HTTP for the tests, the demo and the benchmarks."""
