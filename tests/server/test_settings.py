"""`Settings` travel to uvicorn's worker processes through environment variables and come back unchanged."""

from __future__ import annotations

import pytest

from agentkit.errors import ConfigError
from agentkit.server.settings import Settings, default_state_path


def test_settings_survive_the_trip_through_the_environment() -> None:
    settings = Settings(
        models=("none", "openai:gpt-4o-mini"),
        databases={"shop": "/data/shop.sqlite"},
        state="postgresql://agentkit@db/agentkit",
        api_key="k",
        traces="otlp",
        trace_content=True,
        max_body_bytes=1234,
        max_concurrent=7,
        max_running=3,
        budget_seconds=9.5,
        budget_model_calls=2,
        agent_factory="mine:make",
    )
    assert Settings.from_env(settings.to_env()) == settings


def test_unset_variables_mean_the_defaults_and_threads_under_the_state_directory() -> None:
    settings = Settings.from_env({})
    assert settings.models == () and settings.api_key is None
    assert settings.state == str(default_state_path()) and settings.state.endswith("threads.sqlite")


@pytest.mark.parametrize(
    "env",
    [
        {"AGENTKIT_SERVE_MODELS": "[not json"},
        {"AGENTKIT_SERVE_MAX_BODY_BYTES": "lots"},
        {"AGENTKIT_SERVE_MAX_CONCURRENT": "0"},
        {"AGENTKIT_SERVE_MAX_RUNNING": "-1"},
    ],
)
def test_a_variable_that_does_not_read_is_a_config_error(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        Settings.from_env(env)


def test_the_budget_is_the_default_one_with_the_limits_set() -> None:
    from agentkit import Budget

    assert Settings(budget_seconds=9.5).budget() == Budget(seconds=9.5)
    assert Settings().budget() == Budget()
    with pytest.raises(ConfigError):
        Settings(budget_model_calls=-1)


def test_a_model_named_twice_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="twice"):
        Settings(models=("none", "none"))
