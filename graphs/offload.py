"""The offload graph's wiring: its nodes, the routers between them, and the compiled LangGraph `StateGraph`.

    plan → route → tool ──────────────→ route (next step) | compose    the tool's own check passed
                 → translate → tool ──→ compose                        model+tool: a rejected translation
                                                                       goes back to translate, within budget
                 → model → validate ──→ compose                        claims re-checked; a failed claim
                                                                       goes back to the model once
A tool step that fails falls back to the model (translate, then answer) or, with no model, is declined.
A mixed request runs part by part (`agentkit.graphs.parts`): where one part ends, ``next_part`` starts the
next, whatever the first one's verdict; compose answers every part.

The nodes are plain functions of the state and one `Deps` (`agentkit.graphs.nodes`:
plan, route, tool, compose; `agentkit.graphs.model_nodes`: translate, model, validate);
which route a step takes is the selector's decision, what a step is the planner's. The model node has
a sync and an async body (``ask_model``, ``aask_model``): ``invoke`` runs the first, ``ainvoke`` and
``astream`` the second, which awaits the model and streams its tokens.
"""

from __future__ import annotations

from functools import partial
from typing import Literal

from agentkit.graphs import model_nodes, nodes, parts
from agentkit.graphs.deps import Deps
from agentkit.graphs.state import OffloadState
from langchain_core.runnables import RunnableLambda
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Checkpointer

__all__ = ["Node", "build_offload_graph", "make_graph"]

Node = Literal["plan", "route", "translate", "tool", "model", "validate", "next_part", "compose"]


def build_offload_graph(deps: Deps, *, checkpointer: Checkpointer = None) -> CompiledStateGraph:
    """Wire the nodes over ``deps`` and compile the graph (named ``agentkit``)."""
    graph = StateGraph(OffloadState)
    graph.add_node("plan", partial(parts.plan, deps=deps))
    graph.add_node("route", partial(nodes.route, deps=deps))
    graph.add_node("translate", partial(model_nodes.translate, deps=deps))
    graph.add_node("tool", partial(nodes.tool, deps=deps))
    graph.add_node("model", RunnableLambda(partial(model_nodes.ask_model, deps=deps),
                                           afunc=partial(model_nodes.aask_model, deps=deps), name="model"))
    graph.add_node("validate", partial(model_nodes.validate, deps=deps))
    graph.add_node("next_part", parts.next_part)
    graph.add_node("compose", partial(nodes.compose, deps=deps))
    graph.add_edge(START, "plan")
    graph.add_conditional_edges("plan", after_plan, ["route", "compose"])
    graph.add_conditional_edges("route", after_route, ["tool", "translate", "model", "validate"])
    graph.add_conditional_edges("translate", partial(after_translate, deps=deps), ["tool", "translate", "model"])
    graph.add_conditional_edges("tool", partial(after_tool, deps=deps),
                                ["translate", "model", "validate", "route", "next_part", "compose"])
    graph.add_edge("model", "validate")
    graph.add_conditional_edges("validate", after_validate, ["model", "route", "next_part", "compose"])
    graph.add_edge("next_part", "route")
    graph.add_edge("compose", END)
    return graph.compile(checkpointer=checkpointer, name="agentkit")


def after_plan(state: OffloadState) -> Literal["route", "compose"]:
    """An empty plan goes straight to the answer."""
    return "route" if state["steps"] else "compose"


def after_route(state: OffloadState) -> Literal["tool", "translate", "model", "validate"]:
    """The step's route names its node; a declined step (``none``) is recorded by ``validate``."""
    route = state["current"]["route"]
    if route == "symbolic":
        return "tool"
    if route == "model+tool":
        return "translate"
    if route == "model":
        return "model"
    return "validate"


def after_translate(state: OffloadState, deps: Deps) -> Literal["tool", "translate", "model"]:
    """A translation a tool accepted runs; a rejected one is tried again within budget, then the model answers."""
    current = state["current"]
    if current.get("candidate"):
        return "tool"
    return "translate" if _may_translate_again(state, deps) else "model"


def after_tool(state: OffloadState, deps: Deps) -> Literal["translate", "model", "validate", "route", "next_part",
                                                            "compose"]:
    """A verified step moves on; a failed one is translated again, answered by the model, or declined."""
    current = state["current"]
    if not current:  # verified and recorded
        return _next_step(state)
    if current["route"] == "model+tool":
        return "translate" if _may_translate_again(state, deps) else "model"
    return "model" if current["route"] == "model" else "validate"


def after_validate(state: OffloadState) -> Literal["model", "route", "next_part", "compose"]:
    """A pending re-ask goes back to the model; otherwise on to the next step or the answer."""
    if state["current"].get("reask"):
        return "model"
    return _next_step(state)


def _next_step(state: OffloadState) -> Literal["route", "next_part", "compose"]:
    """The running part's next step; past its end, the next part of a mixed request, then the answer."""
    if state["index"] < parts.part_end(state):
        return "route"
    return "next_part" if state.get("part", 0) + 1 < len(state.get("part_starts") or []) else "compose"


def _may_translate_again(state: OffloadState, deps: Deps) -> bool:
    return state["current"]["attempts"] < deps.budget.translations and deps.refused(state) is None


def make_graph() -> CompiledStateGraph:
    """The default agent's graph, for LangGraph's server (see ``langgraph.json``); no checkpointer: the server has one."""
    from agentkit.agent import Agent

    return Agent().graph
