"""`make run`'s launcher: the ports it announces, the Procfile's processes, and a process that
dies is started again while the others keep running."""

import threading
import time

from scripts import run


def test_the_web_server_gets_port_8000_unless_port_is_set(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://example/saminsats")
    monkeypatch.setenv("REDIS_URL", "redis://example:6379/0")
    monkeypatch.delenv("PORT", raising=False)
    assert run.environment()["PORT"] == "8000"
    monkeypatch.setenv("PORT", "8123")
    assert run.environment()["PORT"] == "8123"


def test_the_procfile_names_web_worker_and_beat():
    processer = run.procfile()
    assert set(processer) == {"web", "worker", "beat"}
    assert "runserver" in processer["web"]
    assert "--queues=akut,celery,pdf" in processer["worker"]


def test_a_process_that_dies_is_restarted_and_the_others_keep_running(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "FORSTA_PAUS", 0.1)
    procfile = tmp_path / "Procfile"
    procfile.write_text("kort: exit 3\nlang: sleep 60\n", encoding="utf-8")
    overvakare = run.Overvakare(run.procfile(procfile), {"PATH": "/usr/bin:/bin"})
    monkeypatch.setattr(run.signal, "signal", lambda *args: None)  # not the main thread
    trad = threading.Thread(target=overvakare.kor, daemon=True)
    trad.start()
    kort, lang = overvakare.processer
    slut = time.monotonic() + 20
    while kort.omstarter < 2 and time.monotonic() < slut:
        time.sleep(0.05)
    lang_pid = lang.popen.pid
    assert kort.omstarter >= 2, "the process that exits is started again"
    assert lang.popen.poll() is None, "the others keep running"
    overvakare._stoppa()
    trad.join(timeout=20)
    assert lang.popen.poll() is not None, "stopping stops every process"
    assert lang.omstarter == 0
    assert lang.popen.pid == lang_pid
