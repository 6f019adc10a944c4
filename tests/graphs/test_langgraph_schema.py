"""The graph as LangGraph's own server sees it: `langgraph.json` points at a factory that loads from its file,
and the compiled graph publishes its input and output JSON schemas (state declared with
`typing_extensions.TypedDict`, which pydantic needs on Python 3.11)."""

from __future__ import annotations

import importlib.util
import json
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typing_extensions
from langgraph.graph.state import CompiledStateGraph

from agentkit.graphs import state

ROOT = Path(__file__).resolve().parents[2]


def _config() -> dict[str, Any]:
    return json.loads((ROOT / "langgraph.json").read_text(encoding="utf-8"))


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> CompiledStateGraph:
    """The graph built as LangGraph's server builds it: the file named in langgraph.json, loaded by path."""
    monkeypatch.setenv("AGENTKIT_MODEL", "none")  # the factory's agent is the default one: keep it symbolic here
    (target,) = _config()["graphs"].values()
    path, _, attribute = target.partition(":")
    spec = importlib.util.spec_from_file_location("langgraph_server_graph", ROOT / path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = getattr(module, attribute)()
    assert isinstance(built, CompiledStateGraph)
    return built


def test_langgraph_json_names_one_graph_in_a_file_that_exists() -> None:
    config = _config()
    assert config["dependencies"] == ["."]
    (target,) = config["graphs"].values()
    path, _, attribute = target.partition(":")
    assert (ROOT / path).is_file() and attribute.isidentifier()


def test_the_state_is_declared_with_typing_extensions_typeddict() -> None:
    for declared in (state.OffloadState, state.StepRecord, state.PlannedStepState, state.LastTurn):
        assert typing_extensions.is_typeddict(declared), declared.__name__
        # on Python < 3.12 pydantic refuses `typing.TypedDict`; the state must not be one
        assert type(declared) is not type(typing.TypedDict("Probe", {})), declared.__name__  # noqa: UP013


def test_the_graph_publishes_its_input_schema(graph: CompiledStateGraph) -> None:
    schema = graph.get_input_jsonschema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object"
    assert schema["properties"]["request"]["type"] == "string"
    jsonschema.validate({"request": "what is 3 + 4?"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"request": 7}, schema)


def test_the_graph_publishes_its_output_schema(graph: CompiledStateGraph) -> None:
    schema = graph.get_output_jsonschema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["answer"]["type"] == "object"
    assert set(schema["properties"]) >= {"answer", "request", "steps"}


def test_a_run_matches_the_published_schemas(graph: CompiledStateGraph) -> None:
    inputs = {"request": "what is 3 + 4?"}
    jsonschema.validate(inputs, graph.get_input_jsonschema())
    output = graph.invoke(inputs)
    jsonschema.validate(json.loads(json.dumps(output)), graph.get_output_jsonschema())
    assert output["answer"]["answer"] == str(3 + 4) and output["answer"]["verified"] is True
