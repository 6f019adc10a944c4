"""A chat front end's own requests (titles, tags, follow-up suggestions) go to the model, or get a short
answer without one: never to a tool, even when the chat history they embed holds a question a tool answers."""

from __future__ import annotations

import json
from typing import Any

import openai
import pytest

from agentkit import Agent
from agentkit.server import Settings, create_app
from agentkit.server.background import background_task
from agentkit.server.protocol import ChatMessage
from tests.conftest import ScriptedModelFactory
from tests.server.conftest import Serve

pytestmark = pytest.mark.timeout(120)

# Prompts in the shapes Open WebUI and LibreChat send (written for these tests): an instruction, the chat pasted in.
TITLE_JSON = """### Task:
Generate a concise, 3-5 word title with an emoji summarizing the chat history.
### Guidelines:
- The title should clearly represent the main theme or subject of the conversation.
- Write the title in the chat's primary language; default to English if multilingual.
- Prioritize accuracy over excessive creativity; keep it clear and simple.
### Output:
JSON format: { "title": "your concise title here" }
### Chat History:
<chat_history>
USER: what is 12*7
ASSISTANT: 84
</chat_history>"""

TAGS_JSON = """### Task:
Generate 1-3 broad tags categorizing the main themes of the chat history, along with 1-3 more specific subtopic tags.
### Output:
JSON format: { "tags": ["tag1", "tag2", "tag3"] }
### Chat History:
<chat_history>
USER: convert 5 miles to km
ASSISTANT: 8.04672 km
</chat_history>"""

FOLLOW_UPS_JSON = """### Task:
Suggest 3-5 relevant follow-up questions or prompts that the user might naturally ask next in this conversation.
### Output:
JSON format: { "follow_ups": ["Question 1?", "Question 2?", "Question 3?"] }
### Chat History:
<chat_history>
USER: What is the derivative of x*sin(x)?
ASSISTANT: x*cos(x) + sin(x)
</chat_history>"""

TITLE_PLAIN = """Please generate a concise, 5-word-or-less title for the conversation, using its same language, \
with no punctuation. Apply title case conventions appropriate for the language. Never directly mention the \
language name or the word "title".

||>User:
"how many days are there between 2024-01-01 and 2024-03-01"
||>Response:
"60"

||>Title:"""


def _messages(*texts: str, system: str | None = None) -> list[ChatMessage]:
    messages = [ChatMessage(role="system", content=system)] if system else []
    return messages + [ChatMessage(role="user", content=text) for text in texts]


@pytest.mark.parametrize(
    ("prompt", "kind", "wants_json"),
    [
        (TITLE_JSON, "title", True),
        (TAGS_JSON, "tags", True),
        (FOLLOW_UPS_JSON, "follow_ups", True),
        (TITLE_PLAIN, "title", False),
    ],
)
def test_front_end_tasks_are_recognised_by_their_shape(prompt: str, kind: str, wants_json: bool) -> None:
    task = background_task(_messages(prompt))
    assert task is not None and task.kind == kind and task.wants_json is wants_json


def test_an_instruction_in_the_system_message_with_the_chat_in_the_user_message_is_one_too() -> None:
    task = background_task(
        _messages(
            "USER: what is 2+2\nASSISTANT: 4",
            system="Summarize the conversation below in one short sentence.",
        )
    )
    assert task is not None and task.kind == "other"


@pytest.mark.parametrize(
    "question",
    [
        "Generate a title for my essay about the history of the bicycle",  # a task, but no chat embedded
        "USER: what is 2+2\nASSISTANT: 5\nwhat is 2+2 really?",  # a transcript, but no task instruction
        "What is 12*7?",
        "Create a regex that matches user: lines",
    ],
)
def test_a_persons_question_is_not_a_front_end_task(question: str) -> None:
    assert background_task(_messages(question)) is None


def test_a_title_request_without_a_model_gets_a_title_and_no_tool_runs(serve: Serve) -> None:
    url = serve(create_app(Settings(models=("none",))))
    client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0)
    completion = client.chat.completions.create(
        model="agentkit", messages=[{"role": "user", "content": TITLE_JSON}]
    )
    text = completion.choices[0].message.content or ""
    assert json.loads(text) == {"title": "what is 12*7"}  # the first user line's words: no computation
    answer = completion.model_extra["agentkit"]
    assert answer["route"] == "none" and answer["verified"] is False
    assert all(step["tool"] is None for step in answer["steps"]) and str(12 * 7) not in text
    plain = client.chat.completions.create(
        model="agentkit", messages=[{"role": "user", "content": TITLE_PLAIN}], stream=True
    )
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in plain if chunk.choices)
    assert streamed == "how many days are there" and "60" not in streamed


def test_a_title_request_goes_to_the_model_as_it_was_sent(
    serve: Serve, scripted_model: ScriptedModelFactory
) -> None:
    model = scripted_model('{"title": "🧮 Multiplying Twelve By Seven"}', usage=(120, 9))
    url = serve(
        create_app(
            Settings(models=("scripted",)),
            agent_factory=lambda spec, checkpointer: Agent(model=model, checkpointer=checkpointer),
        )
    )
    client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0)
    completion = client.chat.completions.create(
        model="agentkit", messages=[{"role": "user", "content": TITLE_JSON}]
    )
    assert completion.choices[0].message.content == '{"title": "🧮 Multiplying Twelve By Seven"}'
    answer: dict[str, Any] = completion.model_extra["agentkit"]
    assert answer["route"] == "model" and answer["fm_calls"] == 1 and answer["verified"] is False
    assert completion.usage is not None and completion.usage.prompt_tokens == 120
    assert len(model.prompts) == 1 and "<chat_history>" in model.prompt_texts()[0]  # the prompt, untouched
    assert not model.script  # the one scripted reply was used, nothing else was asked
