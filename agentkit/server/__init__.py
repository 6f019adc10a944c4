"""`agentkit serve`: an OpenAI-compatible server with streaming and a chat page."""
