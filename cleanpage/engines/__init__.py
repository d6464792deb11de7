"""Adapters that run cleanpage inside distributed data engines (Ray Data); each imports its engine at use."""
