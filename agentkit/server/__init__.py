"""`agentkit serve`: an OpenAI-compatible server with streaming and a chat page.

agentkit.server.app           the FastAPI app: routes, lifespan, `create_app`, `create_app_from_env`
agentkit.server.settings      `Settings`, also read from AGENTKIT_SERVE_* variables (one per worker)
agentkit.server.protocol      the chat-completions request models and response bodies
agentkit.server.streaming     the server-sent events of a streamed completion
agentkit.server.responses     responses that carry an answer: headers, streams from the agent's events
agentkit.server.conversation  the last user message and the history before it
agentkit.server.background    a chat front end's title and tag requests, kept away from the tools
agentkit.server.limits        bearer token, body size, concurrency limit
agentkit.server.errors        OpenAI's error bodies and status codes
agentkit.server.threads       the checkpointer of server-side threads: SQLite or PostgreSQL

>>> from agentkit.server import Settings, create_app
>>> app = create_app(Settings(models=("none",)))      # uvicorn.run(app)
"""

from __future__ import annotations

from agentkit.server.app import create_app, create_app_from_env
from agentkit.server.settings import Settings

__all__ = ["Settings", "create_app", "create_app_from_env"]
