"""`agentkit mcp`: the tools as a Model Context Protocol server.

    agentkit.mcp.server   the server: ``ask``, one tool per family, ``check``; the streamable-HTTP app
    agentkit.mcp.results  what the tools return: text for the model, the answer object, or an error
"""

from __future__ import annotations

from agentkit.mcp.server import SERVER_NAME, build_server, formal_request, http_app

__all__ = ["SERVER_NAME", "build_server", "formal_request", "http_app"]
