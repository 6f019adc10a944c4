"""`agentkit mcp`: the tools as a Model Context Protocol server."""
