"""The systemd units in deploy/systemd: every timer starts a command that exists, and the page-file sweep runs
well within the page cache's time limit."""

import configparser
import re
from pathlib import Path

import pytest
from django.core.management import get_commands

SYSTEMD = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
TIMERS = sorted(SYSTEMD.glob("*.timer"))


def unit(path):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser


@pytest.mark.parametrize("timer", TIMERS, ids=lambda p: p.stem)
def test_each_timer_starts_a_service_that_runs_an_existing_command(timer):
    started = unit(timer)["Timer"]["Unit"]
    if started.startswith("jembatan-tugas@"):
        command = started.removeprefix("jembatan-tugas@").removesuffix(".service")
        assert (SYSTEMD / "jembatan-tugas@.service").exists()
    else:
        service = unit(SYSTEMD / started)["Service"]["ExecStart"]
        command = service.split("manage.py ", 1)[1].split()[0]
    assert command in get_commands(), f"{timer.name} runs {command}, which manage.py does not have"
    assert timer.stem == f"jembatan-{command}"


def test_page_files_are_swept_at_least_as_often_as_the_default_cache_time_limit(settings):
    assert unit(SYSTEMD / "jembatan-sapu_halaman.timer")["Timer"]["OnCalendar"] == "*:0/5"
    assert settings.JEMBATAN_PAGE_CACHE_SECONDS >= 5 * 60


def test_every_periodic_command_the_readme_names_has_its_timer():
    """The README's list of periodic housekeeping is what an operator installs: each command in it needs its
    timer here, or the deployment silently never runs it."""
    readme = (SYSTEMD.parents[1] / "README.md").read_text(encoding="utf-8")
    paragraph = readme.split("Periodic housekeeping", 1)[1].split("\n\n", 1)[0]
    named = {c for c in re.findall(r"`([a-z_]+)`", paragraph) if c in get_commands()}
    assert len(named) >= 8
    missing = sorted(c for c in named if not (SYSTEMD / f"jembatan-{c}.timer").exists())
    assert not missing, f"periodic commands without a timer: {missing}"
