"""The Redis URLs of the embedded server and of parallel test runners."""

import pytest

from config.embedded_redis import broker_url, med_databas


@pytest.mark.parametrize(
    ("url", "nummer", "vantat"),
    [
        ("redis://127.0.0.1:6379/0", 2, "redis://127.0.0.1:6379/2"),
        ("redis://:hemligt@redis.example:6380/5", 1, "redis://:hemligt@redis.example:6380/1"),
        ("unix:///tmp/saminsats/redis.sock?db=0", 3, "unix:///tmp/saminsats/redis.sock?db=3"),
        ("unix:///tmp/saminsats/redis.sock", 1, "unix:///tmp/saminsats/redis.sock?db=1"),
    ],
)
def test_a_runner_gets_its_own_database_on_the_same_server(url, nummer, vantat):
    assert med_databas(url, nummer) == vantat


def test_the_broker_reaches_a_unix_socket_database_by_celerys_name():
    url = med_databas("unix:///tmp/saminsats/redis.sock?db=0", 2)
    assert broker_url(url) == "redis+socket:///tmp/saminsats/redis.sock?virtual_host=2"
    assert broker_url("redis://127.0.0.1:6379/2") == "redis://127.0.0.1:6379/2"
