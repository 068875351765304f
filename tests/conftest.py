import pytest

from harness import RunningDaemon, Sink, load, write_config


@pytest.fixture
def sink():
    server = Sink().start()
    yield server
    server.stop()


@pytest.fixture
def config_path(tmp_path, sink):
    return write_config(tmp_path, sink_port=sink.port)


@pytest.fixture
def daemon(config_path):
    running = RunningDaemon(load(config_path)).start()
    yield running
    running.stop()
